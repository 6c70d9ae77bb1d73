/**
 * Pages in other languages, saved from the sites writers post on there: old blog entries (Yahoo! 360°,
 * blogg.se), Telegram channels, story sites and forums. What a writer notices: the work's title, its
 * chapters, and the site's lines kept out of the story.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { importWork } from '../../../src/text/import/index.ts';
import { storyBlocks } from '../../support/imports.ts';

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
