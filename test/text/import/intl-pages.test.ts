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
