/**
 * Sentence by sentence, is this the author talking to readers or the story? A note run into the
 * first or last line of a story is cut where its sentences stop sounding like a note: thanks,
 * reviews, updates, betas, disclaimers, site names, the author addressing "you", against
 * narration and characters' speech. Each verdict carries its reason for the preview.
 */
import {
  FEEDBACK_ASKED,
  SAID_BY_A_THING,
  isDisclaimer,
  narration,
  noteStrength,
  withoutDirectionMarks,
} from './cues.ts';
import { OPENING_QUOTE, splitSentences } from './sentences.ts';
import { saysMoreToCome } from './status.ts';

export interface SentenceVerdict {
  sentence: string;
  /** Above zero: a note's sentence; zero or below: story. */
  score: number;
  reason: string;
}

const SITES =
  /\b(?:FFN|FF\.?net|fanfiction\.net|fanfic\.net|AO3|Ao3|archive of our own|Wattpad|Tumblr|LiveJournal|LJ|Quotev|DeviantArt|Dreamwidth|Reddit|Discord|Patreon|Ko-?fi)\b/i;
const DISCLAIMER_TAIL =
  /\b(?:belongs?\s+to|(?:is|are)\s*(?:n[o']t|not)\s+mine|isn'?t\s+mine|not\s+mine|if\s+(?:it|they)\s+(?:were|was)\s+mine|^\W*if\s+(?:it|they)\s+(?:were|was)(?=\s*,)|^\W*if\s+i\s+(?:did|owned)\b|i'?m\s+(?:just\s+)?(?:playing|borrowing)|i\s+(?:just\s+|only\s+)?borrow(?:ed)?|(?:i'?m|i\s+am|just)\s+(?:just\s+)?having\s+fun|sandbox|all\s+rights\s+reserved|no\s+(?:money|profit)|copyright|no\s+infringement|(?:ne\s+)?fait\s+que\s+les\s+emprunter|je\s+les\s+emprunte|postavy\s+patří|jen\s+půjčuji|cuma\s+pinjam|sadece\s+ödünç|bana\s+ait\s+değil\p{L}*|en\s+saa\s+tästä\s+rahaa)(?![\p{L}])/iu;
/**
 * "I own nothing but a very spoiled Pekingese.", "DC owns everything; I own a raincoat.": how little the writer owns,
 * the owner's share set against it. A narrator saying "I" may say so of their own things: not in a first-person story.
 */
const WRITER_OWNS_LITTLE =
  /^\W*I\s+own\s+nothing\b|\bowns?\s+(?:everything|it\s+all|all\s+of\s+(?:it|them)|them\s+all)\s*[;,]\s*(?:and\s+|but\s+)?I\s+(?:just\s+|only\s+|merely\s+)?own\b/i;
/** "Kishimoto does.", "Suzanne Collins does, and …": who owns it, after "I don't own …" (not "I do."). */
const OWNER_DOES =
  /^(?!(?:I|We|You|He|She|They|It|Nobody|Everyone)\s)(?:\p{Lu}[\p{L}.']*\s+){1,4}(?:does|do)\s*(?:[.,!;]|$)/u;
const WRITER_TALK =
  /\b(?:real\s+life|updat(?:e|es|ed|ing)|prompt|follows|favou?rites?|faves?|kudos|reviews?|reviewers?|reviewing|readers|chapters?|fics?|fanfic(?:tion)?|fandom|one-?shots?|drabbles?|sequel|prequel|beta(?:'?d|s)?|cliffhanger|posted|posting|writer'?s\s+block|hiatus|(?:going|looking|reading)\s+over\s+(?:this|it)|oc|ooc|canon|ship|otp|pairing|word\s*count|commas?|typos?|grammar|spelling|mistakes|first\s+language|(?:constructive\s+)?criticism|flames?|fluff|angst|smut|headcanons?|wrote\s+(?:this|it)|(?:story|fic|piece|one-?shot)\s+(?:that\s+)?i\s+wrote|writing\s+(?:this|it|about|for)|love\s+writing|be\s+(?:nice|kind|gentle)|posted\s+anything|wanted\s+more|this\s+(?:story|fic|one-?shot|piece|chapter))\b/i;
/**
 * "AU", "this au", "a modern au": an alternate universe, as writers say it; not the French "au" ("au comptoir",
 * "au même").
 */
const ALTERNATE_UNIVERSE =
  /\bAUs?\b|\b(?:[Aa]n|[Tt]his|[Mm]y|[Oo]ur|[Tt]he|[Mm]odern|[Cc]anon|[Cc]ollege|[Hh]uman)\s+[Aa]us?\b/;
/** Readers spoken to; "everyone" only in a greeting or thanks ("Hi everyone!", "Happy Halloween, everyone!", "for everyone who asked"), not "nice to everyone". */
const READERS =
  /\b(?:you\s+guys|you\s+all|y'?all|dear\s+readers|lovelies|my\s+lovelies|guys|folks)\b|\b(?:hi|hey|hello|thanks?|thank\s+you|love\s+you|sorry)\s*,?\s*(?:everyone|everybody)\b|\b(?:for|to)\s+(?:everyone|everybody)\s+who\b|,\s*(?:everyone|everybody)\s*[!.]*$|\b(?:everyone|everybody)\s+who\s+(?:reviewed|read|reads|commented|asked|wanted|followed|favou?rited|left|sent|voted|waited)\b/i;
const OPENER =
  /^(?:enjoy|read\s+on|here\s+it\s+is|here\s+you\s+go|anyway|anyways|so\s+yeah|hi|hey|hello|wow|ok(?:ay)?|sorry|thanks?|thank\s+you|please|also|btw|ps|p\.s\.|edit|warning|warnings|tw|cw|note|a\/n|an|omg|lol|ahh+|aa+h+|ok\s+so|so\s+um+|hola|halo|hallo|hejka|hej|bonjour|salut|ciao|olá|oi|привет|всем\s+привет|merhaba|xin\s+chào|hai)(?![\p{L}])/iu;
/** Thanks, reviews and "to be continued" in the other languages writers post in. */
const OTHER_LANGUAGES =
  /(?:^|[\s¡¿])(?:merci (?:pour|de|à)|gracias por|obrigad[oa] por|danke (?:für|fürs)|grazie per|dziękuję za|comentarios|comentários|commentaires|kommentare|à suivre|continuará|fortsetzung folgt|próximo capítulo|prochain chapitre|siguiente capítulo|nächste[sn]? kapitel|bonne lecture|boa leitura|disfruten|espero que (?:les|lhes|te) guste|j'espère que (?:ça|cela) vous|ich hoffe,? es gefällt|deixem|dejen|laissez|merci d'avoir|n'hésitez pas|oi gente|não esqueçam|comentem|votem|beijos|vote and comment|hola a todos|hola,? chic[oa]s|nos leemos|espero que os guste|gracias a todos|reviews?,? por favor|bonjour à tous|salut tout le monde|merci à tous|bisous|hallo (?:ihr|zusammen|leute)|viel spaß beim lesen|danke an|liebe leser|ciao a tutti|buona lettura|recensite|recensioni|al prossimo capitolo|grazie a tutti|lasciate una|cześć|hej wszystkim|witajcie|witam wszystkich|nowe opowiadanie|dziękuję|dajcie znać|w komentarzach|gwiazdk[aęi]|dawno mnie tu nie było|dzięki za|głosujcie|komentujcie|miłego czytania|do następnego|спасибо за|спасибо,? что|дякую,? що|danke,? dass|dziękuję,? że|dzięki,? że|díky za|kiitos (?:kun|että|lukemisesta)|спасибо всем|приятного чтения|жду отзывов|отзывы|продолжение следует|буду рада|буду рад|дякую за|приємного читання|terima kasih|selamat membaca|jangan lupa|bersambung|halo semua(?:nya)?|bedankt voor|veel leesplezier|hallo allemaal|hoi allemaal|hoi iedereen|hallo iedereen|okuduğunuz için|iyi okumalar|devamı\s+(?:yarın\s+|haftaya\s+|yakında\s+)?(?:geliyor|gelecek)|yorum yapmayı|tack för|trevlig läsning|(?:berättelse|novell|historia)\s+(?:som\s+)?jag\s+skrev|jag\s+skrev\s+(?:den\s+här|detta|denna)|cảm ơn|chúc (?:các bạn|mọi người) đọc|salamat sa|sana magustuhan|merhaba+|bu hik[aâ]ye|oy vermeyi|okuduğunuz için|yorumlarınızı|bedankt voor het lezen|bedankt om te lezen|reacties zijn|laat een reactie|vergeet niet te stemmen|mijn eerste verhaal|grazie a chi|fatemi sapere|una recensione|tack för att du läste|kommentarer uppskattas|über reviews|freue mich über|vui lòng không mang|truyện viết|une petite review|fait toujours plaisir|makasih udah|kritik dan saran|halo readers|cerita pertamaku|oi+ gente|obrigad[oa] por lerem|kkkk+|написано за|espero que gostem|espero que gostes|espero que disfrutes|espero que les gust[eó]|vote (?:dan|&|\+) komen|semoga suka|lanjut (?:nggak|gak|ga|tidak)|update setiap|hejka|postaci należą|następny rozdział|kolejny rozdział|gràcies per (?:llegir|la lectura|(?:els|vostres) comentaris)|per les correccions|bona lectura|espero que us agradi|deixeu un comentari|köszönöm,? hogy (?:elolvast|olvast)\S*|köszönöm a (?:kommenteket|véleményeket)|köszönet (?:mindenkinek|az olvasásért)|jó olvasást|ezt a történetet\s.{0,60}írtam|mulțumesc (?:pentru lectură|pentru comentarii|că ați citit)|lectură plăcută|sper să vă placă|lăsați un comentariu|kiitos (?:lukemisesta|kun luit|kommenteista|kaikille)|toivottavasti tykkäätte|jatkoa seuraa|jatkuu (?:huomenna|ensi viikolla|pian|seuraavassa (?:luvussa|osassa))|seuraava (?:luku|osa) (?:tulee|ilmestyy|julkaistaan) (?:ensi viikolla|huomenna|pian|piakkoin|\S+na)|(?:næste|nästa|neste) (?:kapitel|kapittel|del) (?:kommer|udkommer) (?:snart|i ?morgen|i ?morgon|næste uge|nästa vecka|neste uke|på \S+dag|om \S+)|a következő (?:fejezet|rész) (?:hamarosan|jövő héten|holnap)|(?:bir )?sonraki bölüm (?:yakında|haftaya)|kirjoitin tämän|hyvää lukuhetkeä|takk for at (?:du|dere) leste|takk for lesingen|tak fordi (?:du|i) læste|tak for at læse|god lesing|god læsning|håper dere liker|håber i kan lide|tack till min beta|hoppas ni gillar|ευχαριστώ (?:που (?:το )?διαβάσατε|για την ανάγνωση|όλους)|καλή ανάγνωση|ελπίζω να σας αρέσει|περιμένω σχόλια|תודה (?:שקראתם|שקראת|על הקריאה|לכל מי ש\S*)|קריאה מהנה|מקווה שתהנו|מקווה שתיהנו|אשמח לתגובות|תגובות יתקבלו(?: בברכה)?|כתבתי את (?:זה|הסיפור)|זה פאנפיק|הפאנפיק (?:הראשון|הזה)|פאנפיק ש?כתבתי|(?:תגידו|כתבו) מה (?:דעתכם|אתם חושבים)|شكراً? (?:على القراءة|لقراءتكم|لكل من)|قراءة ممتعة|أتمنى أن تعجبكم|أنتظر تعليقاتكم|salamat sa (?:pagbasa|pagbabasa|suporta)|mag-comment|i-vote|mong các bạn|đọc vui vẻ|ủng hộ mình|ممنون (?:که خواندید|از خواندن)|पढ़ने के लिए धन्यवाद|skriv gärna|vad (?:ni|du) tyckte|si (?:t'ha|us ha) agradat|deixar un comentari|e aí,? gostaram|nag-comment|nhớ bình chọn|để lại bình luận|chương sau|mong mọi người|أرجو أن تعجبكم|أنتظر آراءكم|لا تنسوا التقييم|كتبت هذه القصة|תגיבו|ευχαριστώ (?:τον|την|τους|πολύ)|η ιστορία γράφτηκε|продолжение,? (?:возможно,? )?будет|(?:lo|la) escribí para|escrevi (?:isso|isto|esta|este)|vaig escriure (?:això|aquesta|aquest)|bài này mình viết|povídka do|писала на конкурс|писав на конкурс|за вичитку|legg (?:gjerne )?igjen en kommentar|kommentarer (?:settes (?:stor )?pris på|er velkomne)|håper du liker|min første (?:fanfic|fanfiction|historie|novelle)|takk fyrir (?:að lesa|lesturinn)|(?:skrifið|skiljið) (?:endilega )?(?:eftir )?athugasemd|sem ég skrifaði (?:fyrir|handa)|góða skemmtun við lesturinn|aitäh lugemast|aitäh,? et (?:lugesid|lugesite)|kommentaarid on (?:teretulnud|oodatud)|kirjutasin selle|head lugemist|minu esimene (?:lugu|fänfik)|paldies,? ka (?:izlasījāt|izlasīji|lasījāt|lasīji)|paldies par (?:lasīšanu|komentāriem)|būšu (?:ļoti )?priecīg[as] par (?:jebkuru |katru )?komentār\S*|mans pirmais (?:fanfiks|stāsts)|patīkamu lasīšanu|ačiū,? kad (?:skaitėte|perskaitėte|skaitei|perskaitei)|būsiu (?:labai )?dėking[ai]s? už (?:komentarus|atsiliepimus)|(?:šią|šitą) istoriją parašiau|malonaus skaitymo|laukiu (?:jūsų )?komentarų|hvala (?:vam )?(?:što ste|što si) (?:pročitali|čitali|pročitao|pročitala)|hvala na čitanju|hvala za branje|ostavite (?:mi )?komentar|ugodno čitanje|prijetno branje|priča koju sam napisal[ao]|moja prva (?:priča|fanfikcija)|dankie dat (?:jy|julle) (?:dit )?gelees het|dankie vir die lees|laat weet (?:asseblief )?(?:wat (?:jy|julle) dink|of)|hier is die storie wat ek|lekker lees|kommentaar is (?:baie )?welkom|komentoj estas (?:tre )?bonvenaj|dankon (?:pro|al)|mi verkis ĉi tion|si placuit|scribite mihi|fabell(?:a|am) mea(?:m)?|pro certamine|ju lutem (?:më )?shkruani|faleminderit (?:që|për)|tregimi që ju premtova|fág tuairim|go raibh maith agat|scríobh mé é seo|ma chòrd e (?:ribh|riut)|cuiribh fios|tapadh leibh|a' chiad sgeulachd|merci fir d'liesen|kommentaren si(?:nn)? wëllkomm|meng éischt geschicht|assalamualaikum|fanfic pertama saya|terima kasih kerana|salam hamıya|hekayə yazdım|oxuduğunuz üçün|davamı (?:sabah|var|gələcək)|jekk għoġbitkom|iktbuli|grazzi (?:talli|tal-qari)|nitla' oħra|хвала (?:на читању|што сте)|наставак (?:следи|сутра)|здраво свима|zdravo svima|(?:хтела|хтео) (?:сам )?да напишем|коментари су добродошли|komentari su dobrodošli|ngā mihi (?:ki|nui)|tēnā koutou|tuhia (?:mai )?he kōrero|оқығандарыңызға рахмет|пікір қалдырыңыздар|მადლობა,? ვინც წაიკითხა|კრიტიკაც მიღებულია|дзякуй усім,? хто|буду ўдзячн[аы] за|ви благодарам што|коментари и критики|hvala svima koji|kritike dobrodošle|fikrlaringizni yozib qoldiring|xatolar uchun uzr|reaksjes binne (?:tige )?wolkom|me podètz daissar un comentari|bisa mi kiko|commentarios es (?:multo )?benvenite|let me ken if)(?=[\s,.!?;:…]|$)/i;
/** Wattpad's way of asking: "vote + comment pls", "thank u for 100 reads!!". */
const VOTES_ASKED = /\bvote\s*(?:\+|&|and|n)\s*comment|\bcomment\s+(?:ur|your)\s+fav|\b\d+(?:[.,]\d+)?k?\s+reads\b/i;
/** Notes in Chinese, Japanese and Korean: thanks, asking for comments, warnings of headcanon or OOC, "one shot, about a thousand characters". */
const CJK_NOTE =
  /(?:読んでいただき|ありがとうございました|感想(?:いただけ|をいただけ|お待ち)|【注意】|※注意|捏造|なんでも許せる|谢谢(?:大家|阅读|观看)|感谢(?:阅读|大家)|评论是|预警|私设|一发完|全文约|喜欢的话|小红心|小蓝手|求评论|作者有话要说|明天更|明日更新|次回更新|次のページは|求收藏|第一次写|文笔不好|请见谅|日更|周更|読んでくださり|閲覧ありがとう|感想をいただける|ブクマ|읽어주셔서|감사합니다|댓글|하트는|구독|다음 편|다음 화|\d+화는|읽어주세요|么么哒|小天使|完结撒花|谢邀|書きたかっただけ|안녕하세요|들고 왔어요|쓴 (?:짧은 )?글이에요|ขอบคุณที่อ่าน|ฝากติดตาม|ฝากคอมเมนต์)/u;
/** Whole words only: the "me" ending "même" or "thème" is none. */
const PERSON =
  /(?<![\p{L}\p{N}'’])(?:I|I'm|I've|I'd|I'll|me|my|you|your|you're|you've|we|we're|us|our)(?![\p{L}\p{N}])/iu;

/**
 * Speech told without quotes: "I hope you enjoy the view, the guide said, …", "Comments are
 * welcome, the sign on the office said".
 */
const UNQUOTED_SPEECH =
  /,\s+(?:(?:[Tt]he|[Hh]is|[Hh]er|[Tt]heir|[Oo]ur|[Mm]y)\s+(?:[\p{L}'’-]+\s+){0,5}?|\p{Lu}[\p{L}'’-]+\s+|(?:he|she|they|we)\s+)(?:said|says|asked|asks|wrote|writes|whispered|replied|added|announced|shouted|read)(?=\s*(?:[,.;!?]|$))/u;

/** Without the marks that set a line's direction (a right-to-left file has one on every line), curly apostrophes as straight ones, and text-speak spelled out ("thank u", "if u want", "ur fav"). */
function straight(text: string): string {
  return withoutDirectionMarks(text)
    .replace(/[’‘]/g, "'")
    .replace(/(?<=^|\s)u(?=[\s,.!?]|$)/g, 'you')
    .replace(/(?<=^|\s)ur(?=\s)/g, 'your');
}

/**
 * The author planning more: "I might do one where …", "maybe I'll write a sequel", "Might do a
 * follow-up with Molly at some point.", also after a sentence the splitter did not part from it ("ok that's
 * it. i might do one …"). Not "I might do another lap" or "He was writing a sequel".
 */
const MORE_STORIES =
  /(?:^|[.!]\s{1,3})(?:(?:so|and|maybe|but|i\s+think)\s+)?(?:(?:i|we)(?:'ll|\s+(?:might|may|will|could|want\s+to|plan\s+to|(?:am|'m)\s+(?:going\s+to|gonna|thinking\s+of))|'m\s+(?:going\s+to|gonna|thinking\s+of))\s+|might\s+|may\s+)(?:(?:do|write|doing|writing)\s+(?:(?:one|another(?:\s+one)?)(?:\s+(?:where|about|in\s+which)\b|\s*[.!]*$)|(?:a\s+|another\s+)?(?:sequel|follow-?up|prequel|spin-?off|part\s*(?:2|two|ii)|second\s+part|companion(?:\s+(?:piece|fic))?)\b))/i;

/** Words with who said, thought or wrote them after a comma: "…, Dad said", "…, I thought", "…, she wrote on the card". */
const TOLD_IN_STORY =
  /,\s*(?:\p{Lu}\p{L}*|he|she|they|I|we|you)\s+(?:said|says|asked|thought|wrote|called|muttered|whispered|added|begged|told|replied|yelled|shouted|murmured|sang|signed|typed|texted)\b/u;

/** The next part, or more of the story, and when it comes: "pt 2 tomorrow", "more soon", "the rest in the next post". */
const NEXT_PART_WHEN =
  /^[([]?\s*(?:(?:part|pt\.?|chapter|ch\.?)\s*(?:\d{1,3}|two|three|four|ii|iii)|more|the\s+rest|next\s+(?:part|chapter|one))\s+(?:is\s+|will\s+be\s+)?(?:(?:coming|up|out|posted)\s+)?(?:tomorrow|tmrw|tmr|tonight|soon|later|next\s+week|this\s+weekend|in\s+a\s+(?:minute|min|sec|second|bit|few\s+(?:minutes|hours|days))|in\s+(?:the\s+)?next\s+post|below)\b/i;

/**
 * A writer's last line of a post that the next post goes on from, as forums' writers mark a story too long
 * for one post: "[continued below]", "part 2 in the next post!!", "(continua qui sotto)", "Fortsetzung im
 * nächsten Beitrag", "la suite dans le message suivant", "Deel 2 komt in de volgende post!", "sigue abajo", "המשך בהודעה הבאה...",
 * "devamı bir sonraki entry'de.", "продолжение в следующем посте"; or the story's own "To be continued…".
 */
const CONTINUED_BELOW = new RegExp(
  `^[\\W_]*(?:${[
    '(?:to\\s+be\\s+)?continued(?:\\s+(?:below|(?:in|on)\\s+(?:the\\s+)?(?:next|following)\\s+(?:post|reply|message|entry)))?',
    "cont(?:['’]d|\\.|inued)?\\s+below",
    // "(cont in memo 2)", "(continued on next page)": a notes app's or a notebook's next memo or page.
    "cont(?:['’]d|\\.|inued)?\\s+(?:in|on)\\s+(?:the\\s+)?(?:next\\s+)?(?:memo|note|page|entry)(?:\\s+\\d{1,2})?",
    '(?:part|chapter)\\s+\\S+\\s+(?:is\\s+|will\\s+be\\s+)?(?:up\\s+)?(?:in|below\\s+in)\\s+(?:the\\s+)?(?:next|following)\\s+(?:post|reply|message)',
    '(?:more|the\\s+rest)\\s+(?:below|in\\s+the\\s+next\\s+post)',
    'continua(?:\\s+(?:qui\\s+sotto|sotto|nel\\s+(?:prossimo\\s+(?:post|messaggio)|post\\s+successivo|messaggio\\s+successivo)))?',
    'contin[úu]a\\s+(?:abajo|abaixo|(?:en\\s+el|no)\\s+(?:pr[óo]ximo|siguiente)\\s+(?:post|mensaje|mensagem|coment[áa]rio))',
    'sigue\\s+(?:abajo|en\\s+el\\s+(?:pr[óo]ximo|siguiente)\\s+(?:post|mensaje))',
    'fortsetzung\\s+(?:folgt(?:\\s+im\\s+n[äa]chsten\\s+(?:beitrag|post))?|im\\s+n[äa]chsten\\s+(?:beitrag|post)|unten)',
    // "(la suite dans le message d'en dessous, c'était trop long !)": where, then why, in a few words.
    "(?:la\\s+)?suite\\s+(?:dans\\s+le\\s+(?:prochain\\s+(?:message|post)|message\\s+(?:suivant|d['’]en\\s+dessous|du\\s+dessous))|en\\s+dessous|plus\\s+bas)(?:\\s*,\\s*[^,.!?()]{1,40})?",
    // "Deel 2 komt in de volgende post!", "Wordt vervolgd in het volgende bericht."
    '(?:deel|hoofdstuk)\\s+\\S+\\s+(?:komt|volgt|staat)\\s+in\\s+(?:de|het)\\s+volgende\\s+(?:post|bericht|reactie)',
    '(?:wordt\\s+)?vervolgd\\s+in\\s+(?:de|het)\\s+volgende\\s+(?:post|bericht|reactie)|verder\\s+in\\s+(?:de|het)\\s+volgende\\s+(?:post|bericht)',
    'ci[ąa]g\\s+dalszy\\s+(?:poni[żz]ej|w\\s+nast[ęe]pnym\\s+po[sś]cie)',
    'продолжение\\s+(?:ниже|в\\s+следующем\\s+(?:посте|сообщении))',
    'המשך\\s+(?:בהודעה\\s+הבאה|בתגובה\\s+הבאה|למטה)',
    "devam[ıi]\\s+(?:bir\\s+)?sonraki\\s+(?:entry|mesaj|yorum)(?:['’]?[dt][ae])?|devam[ıi]\\s+a[şs]a[ğg][ıi]da",
    // "Nastavak sutra, inšallah." (bs, hr), "(продолжува)" (mk), "გაგრძელება ხვალ!" (ka), "Працяг будзе" (be),
    // "Жалғасы бар" (kk), "Davomi bor" (uz), "Wurdt ferfolge" (fy): the rest tomorrow, or to come, and a word after.
    '(?:nastavak\\s+(?:sutra|slijedi|uskoro)|продолжува|продолжението\\s+следи|გაგრძელება\\s+(?:ხვალ|იქნება|მოჰყვება)|працяг\\s+(?:будзе|заўтра|хутка)|жалғасы\\s+(?:бар|ертең)|davomi\\s+(?:bor|ertaga)|wurdt\\s+ferfolge)(?:\\s*,\\s*[^,.!?()]{1,20})?(?=[^\\p{L}\\p{N}]*$)',
  ].join('|')})[\\W_]*$`,
  'iu',
);

export function continuesInNextPost(line: string): boolean {
  return line.length <= 80 && (CONTINUED_BELOW.test(line) || saysMoreToCome(line));
}

/** The verdict on one sentence. `firstPersonStory`: the story itself says "I", so "I" alone proves nothing. */
export function judgeSentence(sentence: string, firstPersonStory = false): SentenceVerdict {
  const text = straight(sentence.trim());
  const verdict = (score: number, reason: string): SentenceVerdict => ({ sentence, score, reason });
  if (OPENING_QUOTE.test(text) && !/^["“]?(?:A\/N|AN|Note)\b/i.test(text)) return verdict(-2, 'a character speaking');
  if (SAID_BY_A_THING.test(text)) return verdict(-1, 'words written on something in the story');
  if (
    /^\(?(?:A\/N|AN|A\.N\.|Author'?s'?\s+Notes?|Authors?\s+Notes?|Notes?|P\.?S\.?|Disclaimer)\s*(?::|\s[-–—]\s)/i.test(
      text,
    ) ||
    /^\(?(?:A\/N|A\.N\.)\s+\p{Lu}/u.test(text)
  )
    return verdict(3, 'labelled as the author’s note');
  // "(Written for the Lighthouse Exchange 2019.)": an aside in brackets says what it would say bare.
  const aside = /^[([]([^()[\]]+)[)\]]$/u.exec(text);
  if (aside) return { ...judgeSentence(aside[1], firstPersonStory), sentence };
  const outside = narration(text);
  if (UNQUOTED_SPEECH.test(outside)) return verdict(-1, 'a character speaking');
  if (noteStrength(outside) === 2) return verdict(3, 'asks for reviews, thanks readers or talks about the story');
  if (isDisclaimer(outside)) return verdict(3, 'says who owns the characters');
  if (FEEDBACK_ASKED.test(outside)) return verdict(3, 'asks for reviews');
  if (
    DISCLAIMER_TAIL.test(outside) ||
    OWNER_DOES.test(outside) ||
    (!firstPersonStory && WRITER_OWNS_LITTLE.test(outside))
  )
    return verdict(2, 'continues the disclaimer');
  // "She had posted it on AO3 that night.": a character's doing, told.
  if (SITES.test(outside) && !/^(?:he|she|they)\s/i.test(outside)) return verdict(2, 'names a fan fiction site');
  if (/^(?:warnings?|tw|cw|trigger\s+warnings?|content\s+warnings?)\s*:/i.test(outside))
    return verdict(2, 'a content warning');
  // "Edited 5 Oct to fix the timeline", "Edit: fixed the typos": the writer on their own changes to the post.
  if (
    /^(?:(?:edit|eta|update|edited|updated)(?:\s*\d{1,2})?\s*:|(?:edited|updated)\s+(?:on\s+)?(?:\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|today\b|yesterday\b|to\s+(?:fix|correct|add)\b))[^.!?]{0,40}?\b(?:to\s+(?:fix|correct|add)|fixed|corrected|typos?)\b/i.test(
      outside,
    )
  )
    return verdict(2, 'says what the writer edited');
  if (
    /^(?:an?\s+|my\s+(?:first\s+)?)?[\p{Lu}\d][\p{L}\d'’:&\- ]{0,50}\s(?:fic|fanfic|fanfiction|one-?shot|oneshot|drabble|ficlet|au|crossover)[.!]?$/u.test(
      outside,
    )
  )
    return verdict(2, 'says what fandom the story is in');
  if (/^rated\s+(?:K\+?|T|M|MA|G|PG(?:-13)?|R|NC-17|teen|mature|explicit|general)\b/i.test(outside))
    return verdict(2, 'states the rating');
  if (
    /^(?:this\s+(?:is|story\s+is|fic\s+is)\s+|it'?s\s+)?set\s+(?:somewhere\s+|sometime\s+|right\s+|just\s+|shortly\s+|a\s+(?:few|couple)\s+\w+\s+|\w+\s+years\s+)?(?:during|after|before|in|between|post|pre|around|at\s+the\s+end\s+of)\b/i.test(
      outside,
    )
  )
    return verdict(2, 'says when the story is set');
  if (/^(?:it'?s|this\s+is)\s+(?:a\s+)?(?:stand-?alone|one-?shot)\s*[.!]*$/i.test(outside))
    return verdict(2, 'the author talking about the story');
  // "And that's the end!", "That's all for now, folks.": the writer saying the story is over, to the readers or
  // with an exclamation, as no narrator does; a frame story's teller ends on a plain "And that's the end."
  if (
    /^(?:and\s+|so\s+)?(?:that'?s|that\s+is)\s+(?:all\s+(?:for\s+now|folks)(?:\s*,?\s*(?:folks|everyone|guys))?\s*[.!]*|the\s+end(?:\s*,?\s*(?:for\s+now|folks|everyone|guys)\s*[.!]*|\s*![.!]*))$/i.test(
      outside,
    )
  )
    return verdict(2, 'the author saying the story is over');
  if (
    /^(?:(?:this|(?:the\s+)?story)\s+)?takes\s+place\s+(?:\w+,?\s+){0,4}(?:after|before|during|between)\b/i.test(
      outside,
    )
  )
    return verdict(2, 'says when the story is set');
  if (
    /\b(?:está\s+ambientad[ao]|ambientad[ao]\s+(?:en|em|durante|después|antes)|se\s+sitúa|se\s+passa|spielt\s+(?:nach|während|vor|in)|spielt\s+(?:viele|einige|ein\s+paar|zwei|drei|wenige)\s+(?:jahre|monate|wochen|tage)\s+(?:nach|vor)\b|se\s+déroule|se\s+passe\s+(?:après|pendant|avant)|è\s+ambientata|ambientata\s+(?:dopo|durante|prima)|akcja\s+dzieje\s+się|действие\s+происходит|berlatar|speelt\s+zich\s+af)\b/iu.test(
      outside,
    )
  )
    return verdict(2, 'says when the story is set');
  if (
    /(?:^|\s)(?:esta\s+(?:historia|fic|es\s+mi)|este\s+fic|cette\s+(?:histoire|fic)|ce\s+(?:texte|one-shot|os)|diese\s+(?:geschichte|fanfic|ff)|questa\s+(?:storia|fanfic|ff)|ta\s+historia|to\s+opowiadanie|nowym\s+opowiadaniem|эта\s+история|этот\s+фик|моя\s+первая\s+работа|не\s+судите\s+строго|cerita\s+ini|dit\s+verhaal|essa\s+(?:história|fic)|esta\s+(?:história|fanfic)|son\s+dos\s+capítulos|dos\s+capítulos|capítulos?\s+cortos?|rozdziały|rozdziałów|trzy\s+krótkie)(?=[\s,.!?;:…]|$)/iu.test(
      outside,
    )
  )
    return verdict(2, 'the author talking about the story');
  if (
    /\b(?:part|chapter|ch\.?)\s*(?:\d+|two|three|four|five)\s+(?:is\s+)?(?:coming|will\s+be|soon|up\s+(?:soon|next)|follows|tomorrow|(?:below|under|behind)\s+the\s+cut)\b/i.test(
      outside,
    ) ||
    /\b(?:continued|concluded|continues)\s+in\s+(?:the\s+next\s+)?(?:part|chapter|post)\b|^end\s+(?:of\s+)?(?:part|chapter)\s+(?:\d+|one|two|three)\b/i.test(
      outside,
    ) ||
    /\bif\s+(?:this|it)\s+gets\s+\d+\s+(?:votes|kudos|reviews|comments|likes|notes)\b/i.test(outside)
  )
    return verdict(2, 'says when the next chapter comes');
  if (
    /^(?:(?:in\s+the|nel|al|dans\s+le|au|en\s+el|no|im)\s+)?(?:next(?:\s+(?:chapter|time|update|part|week|month))?|coming\s+(?:up|next)|sneak\s+peek|próximo\s+capítulo|siguiente\s+capítulo|prochain\s+chapitre|nächsten?\s+kapitel|prossimo\s+capitolo|w\s+następnym\s+rozdziale|в\s+следующей\s+главе)\s*[:\-–—]/iu.test(
      outside,
    ) ||
    /^(?:capítulo|capitulo|chapitre|kapitel|capitolo|rozdział|bab|chapter|part)\s+(?:\d+|dois|dos|deux|zwei|due|dwa|two|tres|três|trois|drei|tre|trzy|three)\s+(?:sai|sale|sort|kommt|esce|będzie|will\s+be|is\s+coming|comes)\b/iu.test(
      outside,
    )
  )
    return verdict(3, 'a preview of the next chapter');
  if (
    /^(?:and\s+)?(?:to|@)\s+(?:the\s+|my\s+|all\s+(?:the\s+)?)?(?:guests?|anons?|anonymous|reviewers?)\b/i.test(
      outside,
    ) ||
    /\b(?:guest|anon(?:ymous)?)\s+(?:reviewers?|who\s+(?:asked|reviewed|commented|said))\b/i.test(outside)
  )
    return verdict(2, 'answers a reviewer');
  if (
    /\b(?:next|new|last|final)\s+(?:chapter|update|part|installment|one-?shot)\b/i.test(outside) &&
    /\b(?:will|should|up|soon|out|posted|coming|days?|weeks?|months?|monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tmrw|tmr|weekend)\b/i.test(
      outside,
    )
  )
    return verdict(2, 'says when the next chapter comes');
  // "pt 2 tomorrow!!", "(more tomorrow, too sleepy)", "Part 2 in a minute!": when the rest comes, in a few words.
  if (NEXT_PART_WHEN.test(outside) && outside.split(/\s+/).length <= 8)
    return verdict(2, 'says when the next part comes');
  // "(continua qui sotto)", "Fortsetzung folgt im nächsten Beitrag!": the story goes on in the next post.
  if (continuesInNextPost(outside)) return verdict(2, 'says the story goes on in the next post');
  // "Next chapter Iroh writes back.", "Up next: the storm.": what the next chapter holds.
  if (
    /^[Nn]ext\s+(?:chapter|part|installment)\s*[,:]?\s+\p{Lu}/u.test(outside) ||
    /^(?:up\s+next|coming\s+(?:up|next)(?:\s+(?:chapter|part))?|next\s+time)\s*[:—–]/iu.test(outside)
  )
    return verdict(2, 'a preview of the next chapter');
  // "Let me know if I should continue this!", "*hides* Don't hate me!": the writer to readers about the story
  // ("Let me know if you want the car, Dad said.", "Don't hate me, I thought.": someone in it, speaking).
  const told = TOLD_IN_STORY.test(outside);
  if (
    !told &&
    /^let\s+me\s+know\s+if\s+(?:i\s+should|(?:you|anyone)\s+(?:want|wants|would|'d)|(?:this|it)\s+(?:is|was)\s+worth)/i.test(
      outside,
    )
  )
    return verdict(2, 'the author asking readers');
  if (!told && /^(?:\*[^*\n]{1,20}\*\s*)?(?:please\s+)?don['’]?t\s+(?:hate|kill)\s+me\b/i.test(outside))
    return verdict(firstPersonStory ? 1 : 2, 'the author to readers');
  // "I might do one where Bond wins a ribbon.", "Might do a follow-up with Molly at some point.": more stories to come.
  if (MORE_STORIES.test(outside)) return verdict(firstPersonStory ? 1 : 2, 'the author planning another story');
  if (/^(?:so\s+)?(?:what\s+)?do\s+you\s+(?:guys\s+|all\s+)?think\b|\bso\s+here\s+we\s+are\b/i.test(outside))
    return verdict(2, 'the author asking readers');
  if (
    /\b(?:reviews?|comments?|feedback|kudos)\s+(?:are|is)\s+better\s+than\b|\b(?:comment|review|vote)\s+if\s+you\b/i.test(
      outside,
    )
  )
    return verdict(2, 'asks for reviews');
  if (/\b(?:reblog|repost)\s+(?:this|it)\b/i.test(outside)) return verdict(2, 'asks readers to share the story');
  if (/\b(?:don'?t|do\s+not)\s+(?:re-?post|re-?upload)\b|©\s*me\b/i.test(outside))
    return verdict(2, 'says who owns the story');
  if (
    /\b(?:not|un|no)[\s-]?beta(?:'?d|ed)\b|^beta(?:'?d|ed)\s+by\b|\ball\s+(?:(?:remaining|the)\s+)?(?:mistakes|errors|typos)\s+(?:are\s+)?(?:my\s+own|mine)\b/i.test(
      outside,
    )
  )
    return verdict(2, 'says who read it over');
  // "sorry for typos", "excuse any mistakes", "forgive the formatting": the writer on how the text was typed, not
  // "Forgive my mistakes, he said" (only "any" mistakes are a writer's).
  if (
    /(?<!\bnot\s)\b(?:sorry|apologi[sz]e|apologies)\s+(?:for\s+)?(?:(?:any|the|all\s+the|my)\s+)?(?:typos|(?:grammar|spelling)(?:\s+(?:mistakes|errors))?|formatting)(?=\s*(?:[.!,;:)]|$))|\b(?:sorry|apologi[sz]e|apologies)\s+(?:for\s+)?any\s+(?:mistakes|errors)\b|\b(?:excuse|forgive|ignore)\s+(?:any|the|my|all\s+the)\s+(?:typos|formatting)\b|\b(?:excuse|forgive|ignore)\s+any\s+(?:mistakes|errors)\b/i.test(
      outside,
    )
  )
    return verdict(2, 'the writer on how it was typed');
  // "Posted with her permission (she is seven).", "Reposted from my old journal.", "Cross-posted to my Dreamwidth.": the
  // writer on posting it, the sentence's subject left out; "Posted guards at every gate." is told.
  if (
    /^(?:re-?|cross-?)?posted\s+(?:with\s+(?:(?:her|his|their|the\s+\w+['’]s)\s+)?permission\b|(?:here\s+)?(?:from|to|on|at)\s+my\s)/i.test(
      outside,
    )
  )
    return verdict(2, 'the writer on posting it');
  // "Written for …", "This story was written for "The Swamp", issue 6", "For the Patrick O'Brian fest.", "Dedicated
  // to …", "A little one-shot for the jazz age prompt week.": not "For the rest of the week, …".
  if (
    /^(?:this\s+(?:story|fic|piece)\s+was\s+)?(?:written\s+for|(?:dedicated|gifted)\s+to)\b/i.test(outside) ||
    /^(?:(?:an?|my|this|the)\s+[^.!?,]{0,30}\s|(?:draft|fill|entry|gift|fic|ficlet|story|one-?shot|drabble|posted)\s+)?for\s+(?:the\s+)?[^.!?,]{0,50}\b(?:challenge|exchange|fest|ficathon|zine|big\s*bang|secret\s+santa|swap|prompts?(?:\s+(?:week|day|list|table))?)[.!]?$/iu.test(
      outside,
    ) ||
    // "fic for greendale_days on dreamfic, prompt was …": a fill, the community and the prompt it answers.
    /^(?:fic|ficlet|drabble|fill|story|one-?shot)\s+for\s+\S+.{0,60},\s+(?:the\s+)?prompt\s+(?:was|is)\b/iu.test(
      outside,
    ) ||
    // "For @casita_tiles", "Para @luna", "@sarikedi_hayrani için": a gift to another user, in any language.
    /^(?:for|para|pour|für|per|dla|voor|för|til|для)\s+@[\p{L}\p{N}_.-]+|^@[\p{L}\p{N}_.-]+\s+(?:için|에게|へ)(?![\p{L}])/iu.test(
      outside,
    )
  )
    return verdict(2, 'says what the story was written for');
  // "for lamp_keeper, happy birthday!!": the story a birthday present.
  if (
    !TOLD_IN_STORY.test(outside) &&
    /^(?:for\s+[^,.!?]{1,40},\s*)?happy\s+(?:belated\s+)?(?:birthday|b-?day)\b/i.test(outside)
  )
    return verdict(firstPersonStory ? 1 : 2, 'says what the story was written for');
  // "Written in one sitting after last night's episode, so forgive the typos.": the writer on the writing of it.
  if (
    /^written\s+(?:in\s+(?:one|a\s+single)\s+(?:sitting|go|night|day)|in\s+(?:an|one|two|a\s+few|\d+)\s+(?:hours?|nights?|days?)|on\s+(?:my|a)\s+phone)\b|\b(?:forgive|excuse|ignore|pardon)\s+(?:the|any|my|all\s+the)\s+(?:typos?|mistakes|errors|grammar)\b/i.test(
      outside,
    )
  )
    return verdict(2, 'the writer on the writing of it');
  // "Rocky's POV, of course.": whose point of view the story is told in.
  // Not "From my POV, the whole thing was Tom's fault.": a name's POV, or "POV:" as a label.
  if (/(?:^|[(,;]\s*)(?:\p{Lu}[\p{L}'’-]*(?:['’]s)?\s+)+POV(?![\p{L}])|^\W*POV\s*[:：\-–—]/u.test(outside))
    return verdict(2, 'says whose point of view the story is told in');
  // "If you liked it, reshare!": the author asking readers to pass it on.
  if (
    /^if\s+you\s+(?:liked|enjoyed|like|enjoy|loved)\s+(?:it|this)\b[^.!?]{0,30}\b(?:reshare|share|reblog|rec|kudos|comment|review|vote|heart|like)\b/i.test(
      outside,
    )
  )
    return verdict(2, 'the author asking readers');
  if (
    /^sorry\s+in\s+advance\b|^(?:a\s+)?(?:short|quick)\s+(?:one|chapter|update|part)(?:\s+(?:this\s+time|today))?\s*[,!.]?\s*sorry\b/i.test(
      outside,
    )
  )
    return verdict(2, 'the author apologising');
  if (/^the\s+next\s+one\s+(?:is|will\s+be)\s+(?:longer|shorter|up|out|coming)\b/i.test(outside))
    return verdict(2, 'says when the next chapter comes');
  if (/\breplies\s+to\s+(?:comments|reviews|reviewers)\b|\bskip\s+(?:it\s+)?if\s+you\s+don'?t\s+care\b/i.test(outside))
    return verdict(2, 'answers readers');
  if (/^disclaimers?\b.{0,20}\b(?:in|see)\s+(?:part|chapter)\s+(?:\d+|one)\b/i.test(outside))
    return verdict(2, 'points to the disclaimer in another part');
  if (OTHER_LANGUAGES.test(outside) || CJK_NOTE.test(outside)) return verdict(2, 'thanks readers or asks for reviews');
  if (VOTES_ASKED.test(outside)) return verdict(2, 'asks for votes and comments');
  if (/^\[(?:WP|EU|OT|PI|CW|TT|RF|SP|IP|MP|FF)\]/.test(outside)) return verdict(3, 'the writing prompt answered');
  const person = PERSON.test(outside);
  const writer = WRITER_TALK.test(outside) || ALTERNATE_UNIVERSE.test(outside);
  if (writer && ((person && !firstPersonStory) || READERS.test(outside)))
    return verdict(2, 'the author talking about the story');
  if (writer && person) return verdict(1, 'the author talking about the story');
  if (
    /\b(?:please|pls|plz)\s+(?:be\s+(?:nice|kind|gentle)|review|comment|vote|leave\s+(?:a\s+)?(?:review|comment|kudos)|let\s+me\s+know|tell\s+me\s+what)\b/i.test(
      outside,
    )
  )
    return verdict(2, 'the author asking readers');
  // "Thanks to my beta for …", "Thanks to the thread for cheering me on" — not "Thanks to Reyes for her quick thinking, the crew …".
  if (
    /^(?:(?:a\s+)?(?:big|huge|special)\s+)?thanks?\s+(?:you\s+)?(?:so\s+much\s+)?to\s[^,]{2,60}\bfor\b[^,]*$/i.test(
      outside,
    ) &&
    (/\b(?:me|my|i|us|our)\b/i.test(outside) ||
      WRITER_TALK.test(outside) ||
      // "Thanks to D. for reading it twice": the draft read over before it was sent.
      /\bfor\s+(?:(?:beta-?|proof-?|re-?)?reading|checking|looking\s+over)\s+(?:it|this)\b/i.test(outside))
  )
    return verdict(2, 'thanks someone for their help');
  // "Thank you Anne for the title!", "Thanks Mel for the beta": a friend named for their part in the writing.
  if (
    /^(?:[Tt]hanks|[Tt]hank\s+you)\s*,?\s+(?:\p{Lu}[\p{L}'’.-]*\s+){1,2}for\s+(?:the|my|this)\s+(?:title|beta|idea|prompt|summary|push|read-?through|encouragement)\b/u.test(
      outside,
    )
  )
    return verdict(2, 'thanks someone for their help');
  // "Somebody in the Heaney thread said nobody ever writes about the dog.", "Someone on the list asked for Ianto": what
  // a list's or a board's talk asked for, as the writer says why they wrote it.
  if (
    /^(?:somebody|someone|a\s+few\s+people|people|(?:a|one)\s+of\s+you)\s+(?:in|on)\s+(?:the|this|that|our)\s+(?:[\p{L}'’-]+\s+){0,3}(?:thread|list|board|forum|comm(?:unity)?|comments|discord|chat)\s+(?:said|asked|wanted|requested|mentioned|complained|pointed\s+out|wondered|suggested)\b/iu.test(
      outside,
    )
  )
    return verdict(2, 'what the list or the board asked for');
  if (READERS.test(outside) && (person || /[!]$/.test(outside))) return verdict(2, 'the author addressing readers');
  if (/^sorry\b/i.test(outside) && /\b(?:long|late|wait|short|delay|took)\b/i.test(outside))
    return verdict(2, 'the author apologising for a delay');
  if (OPENER.test(outside) && outside.split(/\s+/).length <= 8 && (person || /!$/.test(outside) || writer))
    return verdict(1, 'a short aside to readers');
  if (writer && outside.split(/\s+/).length <= 10 && /!$/.test(outside)) return verdict(1, 'a short aside to readers');
  // "That's all for this year.", "That's the end of the first arc!", "That's the end!", "See you in January.": the author
  // closing, weakly.
  if (
    /^(?:ok(?:ay)?\s+|and\s+|so\s+)?that'?s\s+(?:(?:all|it|the\s+end)\s+(?:for\s+(?:now|today|tonight|this\s+(?:year|week|month|time|one))|folks|of\s+(?:the\s+|this\s+)?(?:(?:first|second|third|last|final)\s+)?(?:arc|part|chapter|fic|story|book|act)\b)|(?:part|chapter)\s+(?:\d+|one|two|three|four|five)\b)/i.test(
      outside,
    ) ||
    /^(?:ok(?:ay)?\s+|and\s+|so\s+)?that'?s\s+the\s+end\s*!+$/i.test(outside) ||
    /^(?:i'?ll\s+)?see\s+(?:you|y'all|ya)(?:\s+all)?\s+(?:in\s+(?:january|february|march|april|may|june|july|august|september|october|november|december|the\s+next)|next\s+(?:time|week|month|year|chapter|part)|soon)\b/i.test(
      outside,
    ) ||
    /^here'?s\s+(?:the\s+(?:rest|next\s+(?:part|chapter)|last\s+(?:part|chapter)|final\s+(?:part|chapter))\b|(?:this|today'?s|tonight'?s)\s+(?:(?:month|week)'?s\s+)?[^.!?]{0,30}\b(?:short|fic|story|chapter|part|update)\b)/i.test(
      outside,
    )
  )
    return verdict(1, 'the author closing or opening a part');
  // "That's all!", "ok that's it.": a plain "That's it." may be the story's.
  if (
    /^(?:(?:ok(?:ay)?|and|so|well|anyway)[,!.]?\s+that'?s\s+(?:all|it)\s*[.!]*|that'?s\s+(?:all|it)\s*!+)$/i.test(
      outside,
    )
  )
    return verdict(1, 'the author closing or opening a part');
  if (!firstPersonStory && /\b(?:I|I'm|I've|I'd|I'll|my)\b/.test(outside) && !/["”]/.test(text))
    return verdict(1, 'the author speaking in the first person');
  return verdict(0, 'narration');
}

export interface SentenceCut {
  note: string;
  story: string;
  /** The reasons of the sentences taken as the note, for the preview. */
  reasons: string[];
}

/**
 * Where a note run into a paragraph ends: the longest run of note sentences at the start (or,
 * `fromEnd`, at the end) of the text. A labelled paragraph ("A/N: …") counts its first sentence
 * as note whatever it says. Undefined when no sentence, or every sentence, is a note.
 */
export function cutNote(
  text: string,
  { fromEnd = false, labelled = false, firstPersonStory = false } = {},
): SentenceCut | undefined {
  const sentences = splitSentences(text);
  if (sentences.length < 2) return undefined;
  const ordered = fromEnd ? [...sentences].reverse() : sentences;
  const reasons: string[] = [];
  let taken = 0;
  for (const [i, sentence] of ordered.entries()) {
    const verdict = judgeSentence(sentence, firstPersonStory);
    if (verdict.score > 0 || (labelled && i === 0 && verdict.score > -2)) {
      taken++;
      reasons.push(verdict.score > 0 ? verdict.reason : 'under the note’s label');
      continue;
    }
    // One neutral sentence between two note sentences belongs to the note ("It's short. Enjoy!").
    const next = ordered[i + 1];
    if (
      taken > 0 &&
      verdict.score === 0 &&
      sentence.split(/\s+/).length <= 8 &&
      next !== undefined &&
      i + 1 < ordered.length - 1 &&
      judgeSentence(next, firstPersonStory).score > 1
    ) {
      taken++;
      reasons.push('between two sentences of the note');
      continue;
    }
    break;
  }
  if (taken === 0 || taken === sentences.length) return undefined;
  const note = fromEnd ? sentences.slice(sentences.length - taken) : sentences.slice(0, taken);
  const story = fromEnd ? sentences.slice(0, sentences.length - taken) : sentences.slice(taken);
  return { note: note.join(' '), story: story.join(' '), reasons: fromEnd ? reasons.reverse() : reasons };
}

/** How much of a text reads as note, sentence by sentence (0…1), for deciding about whole blocks. */
export function noteShare(text: string, firstPersonStory = false): number {
  const sentences = splitSentences(text);
  if (sentences.length === 0) return 0;
  const notes = sentences.filter((s) => judgeSentence(s, firstPersonStory).score > 0).length;
  return notes / sentences.length;
}
