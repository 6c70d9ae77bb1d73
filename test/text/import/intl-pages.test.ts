/**
 * Pages in other languages, saved from the sites writers post on there: old blog entries (Yahoo! 360°,
 * blogg.se), Telegram channels, story sites and forums. What a writer notices: the work's title, its
 * chapters, and the site's lines kept out of the story.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { importWork } from '../../../src/text/import/index.ts';
import { creatorName, storyBlocks } from '../../support/imports.ts';

const page = (name: string, html: string) => ({ name, bytes: new TextEncoder().encode(html) });

describe('an old blog entry saved from the Wayback Machine', () => {
  const html = `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Yahoo! 360° - Góc Nhỏ Của Gió</title></head><body>
<div id="wm-ipp-base">The Wayback Machine - https://web.archive.org/web/20071103120000/http://blog.360.yahoo.com/blog-abc?p=12</div>
<div id="profile"><h1>Góc Nhỏ Của Gió</h1><p>gio_dong_bac · Nam · Hà Nội</p></div>
<div class="blog-entry"><h2 class="entry-title">[Fanfic Dế Mèn] Chiếc lá cuối mùa (trọn bộ 2 chương)</h2><p class="entry-date">Thứ bảy, 3 Tháng mười một 2007 - 08:10 PM</p>
<div class="entry-body">
<p><b>Chương 1: Bờ ruộng</b></p>
Dế Mèn đứng trên bờ ruộng nhìn xuống dòng nước đục, và lần đầu tiên trong đời chú thấy mình nhỏ bé đến thế.<br><br>Gió thổi qua cánh đồng, mang theo mùi rơm mới gặt và tiếng trâu gọi nhau ở xa.
<p><b>Chương 2: Chiếc lá</b></p>
Trũi kéo về một chiếc lá sen to như cái nong, rồi hai anh em cùng đẩy nó ra giữa dòng nước.<br><br>Chiếc lá trôi chậm, và Dế Mèn ngồi ở mũi, im lặng nhìn bờ bên kia đang lại gần.
</div></div>
</body></html>`;

  it('takes the entry’s heading, without the fandom tag and the status, as the title, and leaves the archive’s bar and the blog’s name out', async () => {
    const work = await importWork([page('entry.html', html)]);
    assert.equal(work.title, 'Chiếc lá cuối mùa');
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['Bờ ruộng', 'Chiếc lá'],
    );
    const story = storyBlocks(work, '').join('\n');
    assert.doesNotMatch(story, /Wayback|Góc Nhỏ Của Gió|gio_dong_bac/);
    assert.match(story, /^Dế Mèn đứng trên bờ ruộng/);
  });
});

describe('part and episode headings in Swedish and Thai', () => {
  it('reads a Swedish blog post’s bold "DEL 1" / "DEL 2" as its parts, the greeting above them as a note', async () => {
    const html = `<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>Sommarstugan - Lisas skrivhörna</title></head><body>
<div class="entry"><h2 class="entry-title">Sommarstugan</h2><div class="entry-body">
<p>Hej! Här är min nya novell, tack för att ni läser.</p>
<p><b>DEL 1</b></p>
<p>Pippi bar hästen ut på verandan, som hon gjorde varje morgon, och Tommy och Annika stod vid grinden och såg på.</p>
<p>Det luktade nybakat från köket, och någon hade glömt att stänga fönstret mot trädgården.</p>
<p><b>DEL 2</b></p>
<p>På eftermiddagen regnade det, så de satt på vinden och läste gamla tidningar som ingen annan brydde sig om.</p>
<p>Annika somnade till slut med huvudet mot en kista full av guldmynt.</p>
</div></div></body></html>`;
    const work = await importWork([page('post.html', html)]);
    assert.equal(work.chapters.length, 2);
    assert.match(storyBlocks(work, '').join('\n'), /^Pippi bar hästen/);
    assert.match(work.notes.beginning ?? '', /min nya novell/);
  });

  it('reads a Thai chapter page’s "ตอนที่ 1 : …" as the chapter’s heading and its title', async () => {
    const html = `<!DOCTYPE html><html lang="th"><head><meta charset="utf-8"><title>ตอนที่ 1 : ทะเลยามเช้า - ทะเลยามเช้า - เว็บนิยาย</title></head><body>
<h1>ทะเลยามเช้า</h1>
<h2>ตอนที่ 1 : ทะเลยามเช้า</h2>
<p>เช้าวันนั้นทะเลเงียบผิดปกติ และมีนั่งอยู่บนโขดหินคนเดียว มองเรือประมงลำเล็กที่ค่อยๆ แล่นออกไปไกลจากฝั่ง</p>
<p>เธอไม่ได้รอใคร แค่อยากฟังเสียงคลื่นก่อนที่เมืองจะตื่น และก่อนที่แม่จะเรียกให้กลับไปช่วยขายของที่ร้าน</p>
</body></html>`;
    const work = await importWork([page('chapter.html', html)]);
    assert.equal(work.title, 'ทะเลยามเช้า');
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['ทะเลยามเช้า'],
    );
    assert.match(storyBlocks(work, '').join('\n'), /^เช้าวันนั้น/);
  });
});

describe('part headings of Japanese, Chinese and Korean blog and café posts', () => {
  const post = (lang: string, title: string, body: string) =>
    `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8"><title>${title}</title></head><body>
<div class="entry"><h2 class="entry_title">${title}</h2><div class="entry_body">
${body}
</div></div></body></html>`;

  it('reads a Japanese entry’s centred "◆ その一 ◆" / "◆ その二 ◆" as its parts and "（おしまい）" as the story’s end', async () => {
    const html = post(
      'ja',
      '雨の日の図書室',
      `こんにちは、みかんです。久しぶりの更新です。<br><br>
<div align="center">◆ その一 ◆</div><br>
雨の日の図書室は、いつもより静かだった。のび太は窓ぎわの席で、分厚い図鑑を広げていた。<br>
「なにを調べてるの」としずかちゃんが聞いた。<br><br>
<div align="center">◆ その二 ◆</div><br>
帰り道、二人は一本の傘に入って歩いた。水たまりに、灰色の空がうつっていた。<br>
のび太は、明日も雨だといいな、と思った。<br><br>
（おしまい）<br><br>
読んでくださってありがとうございました！`,
    );
    const work = await importWork([page('entry.html', html)]);
    assert.equal(work.chapters.length, 2);
    const story = storyBlocks(work, '').join('\n');
    assert.match(story, /^雨の日の図書室は/);
    assert.match(story, /明日も雨だといいな、と思った。$/);
    assert.doesNotMatch(story, /その一|その二|おしまい|ありがとう/);
  });

  it('reads a Chinese post’s bold "一、…" / "二、…" counting up as its chapters, the number kept out of each title', async () => {
    const html = post(
      'zh-CN',
      '旧楼的灯',
      `<p>写在前面：好久没写了，随便写写。</p>
<p><strong>一、停电</strong></p>
<p>那天晚上整栋楼都停了电，楼道里黑漆漆的，只有三楼的窗户还亮着一点烛光。</p>
<p>小林端着蜡烛下楼，在二楼的拐角碰到了正在找钥匙的老周。</p>
<p><strong>二、蜡烛</strong></p>
<p>两个人坐在楼梯上，把一根蜡烛放在中间，谁也没有说要回家。</p>
<p>后来电来了，灯一下子全亮了，他们才发现蜡烛早就烧完了。</p>`,
    );
    const work = await importWork([page('post.html', html)]);
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['停电', '蜡烛'],
    );
    assert.match(storyBlocks(work, '').join('\n'), /^那天晚上整栋楼都停了电/);
  });

  it('keeps a list of "一、…" lines standing together in the story', async () => {
    const html = post(
      'zh-CN',
      '搬家清单',
      `<p>搬家那天，妈妈在门上贴了一张纸，上面写着：</p>
<p>一、先搬书</p>
<p>二、再搬锅</p>
<p>三、最后搬猫</p>
<p>结果猫第一个跑进了新家，书却在旧楼里放了整整一个星期，谁也搬不动。</p>`,
    );
    const work = await importWork([page('post.html', html)]);
    assert.equal(work.chapters.length, 1);
    assert.match(storyBlocks(work, '').join('\n'), /一、先搬书/);
  });

  it('reads a Korean café article’s bold "(상)" / "(하)" as its two halves', async () => {
    const html = post(
      'ko',
      '비 오는 날의 편의점',
      `<p>안녕하세요! 오랜만에 글 올려요.</p>
<p><b>(상)</b></p>
<p>새벽 두 시, 편의점에는 손님이 한 명도 없었다. 민수는 계산대에 턱을 괴고 창밖의 빗소리를 듣고 있었다.</p>
<p>문에 달린 종이 울리고, 우산도 없이 젖은 여자가 들어왔다.</p>
<p><b>(하)</b></p>
<p>여자는 따뜻한 캔커피 하나를 사서 창가에 한참 앉아 있다가, 비가 그치자 조용히 나갔다.</p>
<p>민수는 그 자리에 남은 작은 물자국을 오래 바라보았다.</p>`,
    );
    const work = await importWork([page('article.html', html)]);
    assert.equal(work.chapters.length, 2);
    const story = storyBlocks(work, '').join('\n');
    assert.match(story, /^새벽 두 시/);
    assert.doesNotMatch(story, /\((?:상|하)\)/);
  });
});

describe('a Baidu Tieba thread', () => {
  const floor = (poster: string, text: string, n: number) =>
    `<div class="l_post"><div class="d_author"><a class="p_author_name">${poster}</a></div><div class="d_post_content j_d_post_content">${text}</div><div class="core_reply_tail"><span class="tail-info">来自iPhone客户端</span><span class="tail-info">${n}楼</span><span class="tail-info">2020-03-0${n} 10:00</span><a>回复</a></div></div>`;
  const html = `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>【家有儿女同人】雨天的风筝（上下）【家有儿女吧】_百度贴吧</title></head><body>
<div class="core_title_wrap"><h3 class="core_title_txt">【家有儿女同人】雨天的风筝（上下）</h3></div>
${floor('小雨点写手', '雨天的风筝<br>作者：小雨点写手<br>人物属于原作，不属于我。', 1)}
${floor('小雨点写手', '（上）<br>刘星把风筝藏在床底下，已经藏了整整一个星期，谁也没发现。<br>小雨每天放学都要问一遍：“哥，风筝呢？”刘星就说：“飞走了。”', 2)}
${floor('路过的读者', '哈哈哈刘星太坏了，楼主快更！', 3)}
${floor('小雨点写手', '（下）<br>星期天终于不下雨了，一家人都去了公园。<br>风筝飞得很高，小雨笑得比风筝还高。', 4)}
</body></html>`;

  it('reads the starter’s floors as the story, "（上）" and "（下）" as its two parts, the floors’ tails and a reader’s floor apart', async () => {
    const work = await importWork([page('thread.html', html)]);
    assert.equal(work.chapters.length, 2);
    const story = storyBlocks(work, '').join('\n');
    assert.match(story, /^刘星把风筝藏在床底下/);
    assert.match(story, /小雨笑得比风筝还高。$/);
    assert.doesNotMatch(story, /楼主快更|客户端|（上）|（下）/);
  });
});

describe('a Telegram channel’s web preview (t.me/s/…)', () => {
  const post = (n: number, text: string) =>
    `<div class="tgme_widget_message_wrap"><div class="tgme_widget_message" data-post="kazky/${n}"><div class="tgme_widget_message_owner_name"><span dir="auto">Казкова полиця ✨</span></div><div class="tgme_widget_message_text js-message_text" dir="auto">${text}</div><div class="tgme_widget_message_footer"><span class="tgme_widget_message_views">5${n}0</span><span class="copyonly"> views</span><a class="tgme_widget_message_date"><time>1${n}:00</time></a></div></div></div>`;
  const para = (s: string) => `${s}<br/><br/>`;
  const html = `<!DOCTYPE html><html lang="uk"><head><meta charset="utf-8"><title>Казкова полиця ✨ – Telegram</title></head><body>
<section class="tgme_channel_history">
${post(1, 'Увечері викладу нову казку, три сторінки, тримайтеся!')}
${post(
  2,
  '<b>«Лисичка і глечик»</b><br/>Автор: Оксана Вербова<br/><br/><b>Розділ 1. Ліс</b><br/><br/>' +
    para(
      'Лисичка йшла лісом цілий день і не знайшла нічого, крім старого глечика біля криниці, де колись пили воду косарі.',
    ) +
    'Вона заглянула в нього, і там було темно, глибоко й тихо, як у бабусиній скрині.',
)}
${post(
  3,
  '<b>Розділ 2. Криниця</b><br/><br/>' +
    para('Наступного ранку лисичка повернулася до криниці з мотузкою, бо вирішила, що глечик їй конче потрібен.') +
    'Вона несла його додому аж до вечора, і ніхто в лісі так і не дізнався, навіщо.',
)}
</section></body></html>`;

  it('leaves the channel’s name, views and announcement out, and reads the story post’s title, author and chapters', async () => {
    const work = await importWork([page('channel.html', html)]);
    assert.equal(work.title, 'Лисичка і глечик');
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['Ліс', 'Криниця'],
    );
    const story = storyBlocks(work, '').join('\n');
    assert.match(story, /^Лисичка йшла лісом/);
    assert.doesNotMatch(story, /Казкова полиця|views|Увечері викладу/);
  });

  it('keeps a story told in short posts, none of them an announcement', async () => {
    const drabbles = `<!DOCTYPE html><html lang="uk"><head><meta charset="utf-8"><title>Казкова полиця ✨ – Telegram</title></head><body>
${post(1, 'Кіт сидів на підвіконні й дивився, як падає перший сніг, повільно, ніби хтось нагорі не поспішав.')}
${post(2, 'А вранці кіт вийшов надвір, провалився в замет по самі вуха і вирішив, що зима — це помилка.')}
</body></html>`;
    const work = await importWork([page('drabbles.html', drabbles)]);
    const story = storyBlocks(work, '').join('\n');
    assert.match(story, /Кіт сидів на підвіконні/);
    assert.match(story, /зима — це помилка/);
  });
});

describe('a blog or forum post’s title with what it holds, and the poster named in its own markup', () => {
  const post = (title: string, meta: string, lang = 'fr') =>
    `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8"><title>${title} - Mon petit blog</title></head><body>
<div class="blog-name">Mon petit blog</div>
<article class="post"><h2 class="post-title">${title}</h2>${meta}
<div class="post-body">
<p><b>Chapitre 1</b></p>
<p>Le facteur passa deux fois ce matin-là, et la seconde fois il ne portait aucune lettre, seulement un parapluie.</p>
<p><b>Chapitre 2</b></p>
<p>Marthe le fit entrer dans la cuisine, parce qu’il pleuvait trop pour parler sur le seuil de la porte.</p>
</div></article></body></html>`;

  it('leaves the instalment ("- chapitres 1 et 2", "(1. ve 2. Bölüm)", "cap. 1 e 2", "（上下完）") and the kind before a colon out of the title', async () => {
    for (const [title, want] of [
      ['Le parapluie - chapitres 1 et 2', 'Le parapluie'],
      ['Fanfic Les Facteurs: Le parapluie', 'Le parapluie'],
      ['Postacı Hikayesi: Şemsiye (1. ve 2. Bölüm)', 'Şemsiye'],
      ['Um guarda-chuva - cap. 1 e 2', 'Um guarda-chuva'],
      ['رواية قصيرة: المظلة (الجزء 1 و2)', 'المظلة'],
      ['雨伞（上下完）', '雨伞'],
    ]) {
      const work = await importWork([page('post.html', post(title, ''))]);
      assert.equal(work.title, want, title);
    }
  });

  it('leaves the parts a Japanese, Chinese, Korean or Polish post says it holds, and a Polish "- opowiadanie (…)", out of the title', async () => {
    for (const [title, want] of [
      ['雨の日の図書室（その一・その二）', '雨の日の図書室'],
      ['旧楼的灯（一至三）', '旧楼的灯'],
      ['비 오는 날의 편의점 (상/하 완결)', '비 오는 날의 편의점'],
      ['Zimowy wieczór - opowiadanie (Reksio), rozdziały 1-2', 'Zimowy wieczór'],
      ['Le parapluie (en deux parties)', 'Le parapluie'],
    ]) {
      const work = await importWork([page('post.html', post(title, ''))]);
      assert.equal(work.title, want, title);
    }
  });

  it('keeps a title whose own words end in numbers or hold a colon', async () => {
    for (const title of ['Les 1 et 2 mars', 'Rendez-vous : minuit', 'Fiction: une histoire vraie']) {
      const work = await importWork([page('post.html', post(title, ''))]);
      assert.equal(work.title, title);
    }
  });

  it('reads "Publié le … par …", "Publicado el … por …" as a byline', async () => {
    for (const [line, name] of [
      ['Publié le 4 mars 2015 par Odile Marchand', 'Odile Marchand'],
      ['Publicado el 4 de marzo de 2015 por odile_m', 'odile_m'],
    ]) {
      const work = await importWork([page('post.html', post('Le parapluie', `<div class="post-meta">${line}</div>`))]);
      assert.equal(creatorName(work), name, line);
    }
  });

  it('names the poster a forum or a column links by number or marks as the poster', async () => {
    for (const meta of [
      '<div class="post-author"><a class="nick" href="/odile_m">odile_m</a><br>Rang: Nouveau<br>Points: 12</div>',
      '<div class="meta"><a href="/index.php?showuser=287">odile_m</a> - 04/03/2015</div>',
      '<div class="meta"><a class="up-name" href="//space.example.com/331">odile_m</a> <span>2015-03-04 21:03</span></div>',
    ]) {
      const work = await importWork([page('post.html', post('Le parapluie', meta))]);
      assert.equal(creatorName(work), 'odile_m', meta);
    }
  });
});

describe('a forum or blog page under the story’s end marker', () => {
  const page = (name: string, html: string) => ({ name, bytes: new TextEncoder().encode(html) });
  const topic = (
    end: string,
    below: string,
  ) => `<!DOCTYPE html><html lang="pt-BR"><head><meta charset="utf-8"><title>A lanterna - Comunidade</title></head><body>
<div class="topic"><h2>A lanterna</h2>
<div class="para"><b>Capítulo 1</b><br><br>Joana acendeu a lanterna no quintal e esperou que o irmão voltasse da padaria com o troco certo.<br>Ninguém apareceu na rua até as sete, e o cachorro do vizinho latiu duas vezes para a lua.<br><br><b>Capítulo 2</b><br><br>O irmão chegou de bicicleta, sem pão e sem troco, mas com um gato amarelo dentro da mochila.<br>Joana riu tanto que a lanterna caiu na grama e ficou acesa a noite inteira.<br><br>${end}<br><br>${below}</div>
</div></body></html>`;

  it('takes the author’s line under "FIM" as the end note, and the buttons, a reader’s comment quoting the story and the footer as the page’s', async () => {
    const below =
      'Comentem o que acharam!!! Beijos ♥</div><div class="actions">responder · denunciar</div>' +
      '<div class="para">Lu_leitora - 14/03/2011<br><br>“a lanterna caiu na grama” que fofo!!! posta mais</div><div class="actions">responder · denunciar</div>' +
      '<div class="foot">© 2011 Comunidades - Termos - Privacidade';
    const work = await importWork([page('topic.html', topic('FIM', below))]);
    const story = storyBlocks(work, '').join('\n');
    assert.match(story, /ficou acesa a noite inteira\.$/);
    assert.doesNotMatch(story, /FIM|Comentem|responder|Lu_leitora|fofo|Termos/);
    assert.match(work.chapters[1].notes.end ?? work.notes.end ?? '', /Comentem o que acharam/);
  });

  it('reads "CONTINUARA..." over the page the same way, and keeps the work unfinished', async () => {
    const below =
      'Se gostaram comentem, a parte 3 sai semana que vem.</div><div class="actions">Dar pontos: +1 +2 +3 · Denunciar</div>' +
      '<div class="foot">Visitas: 311 · Favoritos: 4';
    const work = await importWork([page('topic.html', topic('CONTINUARA...', below))]);
    const story = storyBlocks(work, '').join('\n');
    assert.match(story, /ficou acesa a noite inteira\.$/);
    assert.doesNotMatch(story, /CONTINUARA|parte 3|Visitas/);
    assert.equal(work.complete, false);
  });

  it('keeps an end note’s short last lines the author’s when no page’s lines follow them', async () => {
    const text = [
      'Chapter 1',
      'Mara lit the lantern in the yard and waited for her brother to come back from the bakery.',
      'Chapter 2',
      'He came back with no bread and a yellow cat in his backpack, and she laughed until the lantern fell.',
      'THE END',
      'Thank you so much for reading, this one was for my sister!',
      'xoxo',
      'Rosie',
    ].join('\n\n');
    const work = await importWork([{ name: 'lantern.txt', bytes: new TextEncoder().encode(text) }]);
    const notes = `${work.chapters[1].notes.end ?? ''} ${work.notes.end ?? ''}`;
    assert.match(notes, /Thank you so much for reading/);
    assert.match(notes, /xoxo/);
  });
});

describe('a forum topic whose parts are the starter’s posts', () => {
  const post = (time: string, body: string) =>
    `<div class="post_block"><h3 class="row2"><a href="/user/41/">lantern_girl</a></h3><ul class="basic_info"><li>Member</li><li>Posts: 287</li></ul><p class="posted_info">Posted 03 March 2018 - ${time}</p><div class="post entry-content">${body}</div><ul class="post_controls"><li>Quote</li><li>Reply</li><li>Report</li></ul></div>`;
  const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>The Lantern (Parts 1 and 2) - Fan Fiction - Lantern Forums</title></head><body>
<h1 class="ipsType_pagetitle">The Lantern (Parts 1 and 2)</h1><div class="desc">Started by lantern_girl, 03 March 2018</div>
${post('10:12 PM', '<p>Hi everyone, this is my first story here, I hope you like it!</p><p><strong>Part 1</strong></p><p>Mara lit the lantern in the yard and waited for her brother to come back from the bakery with the right change.</p><p>Nobody came down the road until seven, and the dog next door barked twice at the moon.</p><p>Continued in the next post...</p>')}
${post('10:20 PM', '<p><strong>Part 2</strong></p><p>Her brother came back on his bicycle with no bread and no change, but with a yellow cat in his backpack.</p><p>Mara laughed so hard that the lantern fell into the grass and burned there all night.</p>')}
</body></html>`;

  it('reads the poster’s name over the first post as the post’s, and "Continued in the next post..." with the next post’s header as no story', async () => {
    const work = await importWork([page('topic.html', html)]);
    assert.equal(work.chapters.length, 2);
    const story = storyBlocks(work, '').join('\n');
    assert.match(story, /^Mara lit the lantern/);
    assert.doesNotMatch(story, /lantern_girl|Posts: 287|Continued in the next post|Quote|10:20/);
    assert.equal(creatorName(work), 'lantern_girl');
  });
});

describe('a blog’s cut over the rest of the post', () => {
  it('leaves "Lire la suite »", "Читать дальше »" out of the story, and keeps a story’s line that says it', async () => {
    for (const cut of ['Lire la suite »', 'Читать дальше »', 'Read more »']) {
      const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>La neige</title></head><body>
<div class="post"><h2>La neige</h2><p>Un petit texte pour l’hiver.</p><p><a class="more-link">${cut}</a></p>
<p>La neige tomba toute la nuit sur le village, et au matin personne ne put ouvrir sa porte.</p>
<p>Marthe ne voulait pas dormir : elle voulait lire la suite.</p></div></body></html>`;
      const work = await importWork([page('post.html', html)]);
      const story = storyBlocks(work, '').join('\n');
      assert.ok(!story.includes(cut), cut);
      assert.match(story, /elle voulait lire la suite\.$/);
    }
  });
});

describe('an old blog post that labels its title, under the blog’s name and the post’s date', () => {
  it('reads the blog’s bar, name and tagline, its heading for the post and "3 novembre 2007 alle 18:20" as the page’s, the labelled title as the title', async () => {
    const html = `<html><head><meta charset="utf-8"><title>Zia Rosa: [Fanfic] Il gatto del portiere - Don Matteo (cap. 1-2) | Blogger</title></head><body>
<div id="barra"><a href="#">Blogger</a> | <a href="#">Crea il tuo blog</a> | <a href="#">Entra</a></div>
<div id="testata"><h1>Zia Rosa</h1><div class="descrizione">Fanfiction e telefilm italiani</div></div>
<div id="colonna"><h3>Archivio</h3><ul><li>novembre 2007</li><li>ottobre 2007</li></ul><h3>Link</h3><ul><li><a href="#">EFP</a></li><li><a href="#">Forum Don Matteo</a></li></ul><p>Visitatori: 01234</p></div>
<div id="post"><h2 class="titolo">[Fanfic] Il gatto del portiere - Don Matteo (cap. 1-2)</h2>
<div class="data">3 novembre 2007 alle 18:20</div>
<div class="testo">
<p><b>Titolo:</b> Il gatto del portiere<br><b>Autrice:</b> zia_rosa<br><b>Personaggi:</b> Don Matteo, Cecchini<br><b>Note:</b> Ambientata nella quinta serie.</p>
<p><b>Capitolo 1: La finestra</b></p>
<p>Il gatto del portiere entrò in canonica dalla finestra della cucina, come faceva ogni mattina da tre settimane.</p>
<p><b>Capitolo 2: Il latte</b></p>
<p>Don Matteo lasciò una ciotola di latte sul davanzale, e il maresciallo finse di non vederla.</p>
</div></div></body></html>`;
    const work = await importWork([page('post.html', html)]);
    assert.equal(work.title, 'Il gatto del portiere');
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['La finestra', 'Il latte'],
    );
    assert.match(storyBlocks(work, '').join('\n'), /^Il gatto del portiere entrò/);
  });

  it('reads a Polish post’s "sobota, 12 lipca 2008 o 14:27" over its note and chapters as when it was posted, not a chapter of story', async () => {
    const html = `<!DOCTYPE html><html lang="pl"><head><meta charset="utf-8"><title>Reksio i latawiec - Opowiadania - Blog</title></head><body>
<div id="wpis"><h2>Reksio i latawiec</h2>
<div class="data">sobota, 12 lipca 2008 o 14:27</div>
<div class="tresc">
<p>Witajcie! Obiecałam nowe opowiadanie na wakacje, no to jest.</p>
<p><i>Autorka: Ola_z_Lodzi</i></p>
<p><b>Rozdział 1 – Wiatr</b></p>
<p>Wiatr wiał od rana, i Reksio biegał po podwórku za każdym liściem, który przeleciał mu nad głową.</p>
<p><b>Rozdział 2 – Latawiec</b></p>
<p>Po południu chłopcy wynieśli na łąkę czerwony latawiec, a Reksio pilnował sznurka aż do wieczora.</p>
</div></div></body></html>`;
    const work = await importWork([page('post.html', html)]);
    assert.equal(work.chapters.length, 2);
    assert.match(storyBlocks(work, '').join('\n'), /^Wiatr wiał od rana/);
    assert.doesNotMatch(storyBlocks(work, '').join('\n'), /lipca|Witajcie/);
  });
});

describe('a Korean café article with its writer in bold in a "writer" box', () => {
  it('names the writer the box shows in bold as the creator, and the level, date and views beside it as the site’s', async () => {
    const html = `<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8"><title>[응팔 팬픽] 골목의 겨울 - 쌍문동 팬카페 | Daum 카페</title></head><body>
<div id="cafe_title"><h1>쌍문동 팬카페</h1><p>회원수 1,204</p></div>
<div class="article"><div class="article_head"><h2>[응팔 팬픽] 골목의 겨울</h2>
<div class="writer"><b>덕선이친구</b> <span class="level">우수회원</span> <span class="date">16.02.01 21:10</span> 조회 301 댓글 2</div></div>
<div class="article_body">
<p>눈이 오는 밤이었다. 골목 끝 가로등 아래에서 정환은 한참 동안 덕선의 창문을 올려다보았다.</p>
<p>불이 꺼지고 나서야 그는 주머니에 넣어 두었던 손을 꺼내 천천히 집으로 걸어갔다.</p>
</div></div></body></html>`;
    const work = await importWork([page('article.html', html)]);
    assert.equal(creatorName(work), '덕선이친구');
    assert.doesNotMatch(storyBlocks(work, '').join('\n'), /우수회원|조회/);
  });
});

describe('a Chinese blog post whose note ends with its writer’s byline', () => {
  it('reads "作者：…" at the end of the note, after its disclaimer, as the creator, and the rest as the note and the disclaimer', async () => {
    const html = `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>【家有儿女同人】雨天的风筝_小雨的博客_新浪博客</title></head><body>
<div id="blogtitle"><h1>小雨的博客</h1></div>
<div class="articalTitle"><h2>【家有儿女同人】雨天的风筝</h2></div>
<div class="articalContent">
<p>写在前面：好久没写了，随便写写。人物属于原著，我只是借来用一下。作者：小雨点写手</p>
<p><strong>一、风筝</strong></p>
<p>刘星把风筝藏在床底下，已经藏了整整一个星期，谁也没发现。小雨每天放学都要问一遍。</p>
<p><strong>二、公园</strong></p>
<p>星期天终于不下雨了，一家人都去了公园。风筝飞得很高，小雨笑得比风筝还高。</p>
</div></body></html>`;
    const work = await importWork([page('post.html', html)]);
    assert.equal(creatorName(work), '小雨点写手');
    assert.equal(work.disclaimer, '人物属于原著，我只是借来用一下。');
  });
});

describe('a Japanese blog entry whose writer says who they are in the greeting', () => {
  it('names "みかん" of "こんばんは、みかんです。" the creator, not the blog the page’s title names', async () => {
    const html = `<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><title>雨の日の図書室 - ひみつ道具の倉庫</title></head><body>
<div id="fc2_header"><a href="#">ブログ</a> <a href="#">ログイン</a></div>
<div id="blog_title"><h1><a href="/">ひみつ道具の倉庫</a></h1><p>ドラえもんの二次創作ブログ</p></div>
<div class="entry"><h2 class="entry_title">雨の日の図書室</h2><div class="entry_body">
こんばんは、みかんです。久しぶりの更新です。原作とは関係ありません。<br><br>
<div align="center">◆ その一 ◆</div><br>
雨の日の図書室は、いつもより静かだった。のび太は窓ぎわの席で、分厚い図鑑を広げていた。<br><br>
<div align="center">◆ その二 ◆</div><br>
帰り道、二人は一本の傘に入って歩いた。のび太は、明日も雨だといいな、と思った。
</div></div></body></html>`;
    const work = await importWork([page('entry.html', html)]);
    assert.equal(creatorName(work), 'みかん');
  });
});
