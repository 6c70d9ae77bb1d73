/**
 * RTF files as the programs writers use write them: TextEdit (Cocoa RTF, "\" line ends, \uc0),
 * WordPad (CRLF, \ansicpg1251, \uc1 with "?" fallbacks, a NUL after the end) and Word (font,
 * style and theme tables, \info, rsids, fields, footnotes, lists). Each with the words a reader sees.
 */
export interface RtfSample {
  name: string;
  bytes: Uint8Array;
  /** The text a reader sees, for checking that every word is kept. */
  text: string;
}

const ascii = (text: string) => Buffer.from(text, 'latin1');

export const TEXTEDIT = `{\\rtf1\\ansi\\ansicpg1252\\cocoartf2761
\\cocoatextscaling0\\cocoaplatform0{\\fonttbl\\f0\\fswiss\\fcharset0 Helvetica;\\f1\\fswiss\\fcharset0 Helvetica-Bold;}
{\\colortbl;\\red255\\green255\\blue255;}
{\\*\\expandedcolortbl;;}
\\paperw11900\\paperh16840\\margl1440\\margr1440\\vieww11520\\viewh8400\\viewkind0
\\pard\\tx566\\tx1133\\tx1700\\pardirnatural\\qc\\partightenfactor0

\\f1\\b\\fs24 \\cf0 The Lantern Road\\
\\pard\\tx566\\tx1133\\tx1700\\pardirnatural\\partightenfactor0

\\f0\\b0 \\cf0 \\
Mara lit the lantern before dawn. \\'93Are you coming?\\'94 she asked. \\uc0\\u8220 Not yet,\\uc0\\u8221  said the caf\\'e9 owner, and \\i nobody\\i0  argued.\\
\\pard\\tx566\\tx1133\\tx1700\\pardirnatural\\qc\\partightenfactor0
\\cf0 * * *\\
\\pard\\tx566\\tx1133\\tx1700\\pardirnatural\\partightenfactor0
\\cf0 Dear Mara,\\line I kept the \\ul letter\\ulnone .\\
She walked until the road forked, and did not look back.}`;

export const TEXTEDIT_TEXT = `The Lantern Road
Mara lit the lantern before dawn. “Are you coming?” she asked. “Not yet,” said the café owner, and nobody argued.
* * *
Dear Mara,
I kept the letter.
She walked until the road forked, and did not look back.`;

export const WORDPAD =
  '{\\rtf1\\ansi\\ansicpg1251\\deff0\\nouicompat\\deflang1049{\\fonttbl{\\f0\\fnil\\fcharset204 Calibri;}{\\f1\\fnil\\fcharset128 MS Gothic;}}\r\n' +
  '{\\*\\generator Riched20 10.0.19041}\\viewkind4\\uc1 \r\n' +
  "\\pard\\sa200\\sl276\\slmult1\\qc\\b\\f0\\fs22\\lang25 \\'c7\\'e8\\'ec\\'ed\\'e8\\'e9 \\'e2\\'e5\\'f7\\'e5\\'f0\\b0\\par\r\n" +
  "\\pard\\sa200\\sl276\\slmult1 \\'d1\\'ed\\'e5\\'e3 \\'f8\\'b8\\'eb \\'e2\\'f1\\'fe \\'ed\\'ee\\'f7\\'fc. \\'ab\\'cf\\'ee\\'f0\\'e0 \\'e4\\'ee\\'ec\\'ee\\'e9\\'bb, \\'f1\\'ea\\'e0\\'e7\\'e0\\'eb\\'e0 \\'ce\\'eb\\'FF.\\par\r\n" +
  '\\f1\\lang1041 \\u38634?\\u12364?\\u38477?\\u12427?\\u12290?\\f0\\lang25\\par\r\n' +
  '}\r\n\x00';

export const WORDPAD_TEXT = `Зимний вечер
Снег шёл всю ночь. «Пора домой», сказала Оля.
雪が降る。`;

export const WORD = `{\\rtf1\\adeflang1025\\ansi\\ansicpg1252\\uc1\\adeff31507\\deff0\\stshfdbch31505\\stshfloch31506\\deflang1033\\deflangfe2052\\themelang1033{\\fonttbl{\\f0\\fbidi \\froman\\fcharset0\\fprq2{\\*\\panose 02020603050405020304}Times New Roman;}{\\f3\\fbidi \\froman\\fcharset2\\fprq2{\\*\\panose 05050102010706020507}Symbol;}
{\\f37\\fbidi \\fswiss\\fcharset0\\fprq2{\\*\\panose 020f0502020204030204}Calibri;}}{\\colortbl;\\red0\\green0\\blue0;\\red0\\green0\\blue255;}{\\*\\defchp \\f31506\\fs22 }{\\stylesheet{\\ql \\li0\\ri0\\sa160\\sl259\\slmult1\\widctlpar\\wrapdefault\\rtlch\\fcs1 \\af31507\\afs22 \\ltrch\\fcs0 \\f31506\\fs22\\lang1033 \\snext0 \\sqformat \\spriority0 Normal;}{\\s1\\ql \\li0\\ri0\\sb240\\keepn\\widctlpar\\outlinelevel0\\rtlch\\fcs1 \\af31503\\afs32 \\ltrch\\fcs0 \\fs32\\cf19\\lang1033 \\sbasedon0 \\snext0 \\slink15 \\sqformat \\spriority9 heading 1;}{\\*\\cs10 \\additive \\ssemihidden \\sunhideused \\spriority1 Default Paragraph Font;}{\\s15\\ql \\li0\\ri0\\contextualspace\\widctlpar \\rtlch\\fcs1 \\af31503\\afs56 \\ltrch\\fcs0 \\fs56\\expnd-2\\expndtw-10\\lang1033 \\sbasedon0 \\snext0 \\slink16 \\sqformat \\spriority10 Title;}}
{\\*\\rsidtbl \\rsid1336576\\rsid6450307}{\\mmathPr\\mmathFont34\\mbrkBin0\\mbrkBinSub0\\msmallFrac0\\mdispDef1}{\\info{\\title Night Shift}{\\author Ana Ruiz}{\\operator Ana Ruiz}{\\creatim\\yr2024\\mo3\\dy2\\hr10\\min4}{\\version2}{\\edmins1}{\\nofpages1}{\\nofwords120}{\\*\\company Home Office}{\\vern121}}{\\*\\xmlnstbl {\\xmlns1 http://schemas.microsoft.com/office/word/2003/wordml}}
\\paperw12240\\paperh15840\\margl1440\\margr1440\\margt1440\\margb1440\\gutter0\\ltrsect 
\\widowctrl\\ftnbj\\aenddoc\\trackmoves0\\trackformatting1\\donotembedsysfont1\\relyonvml0\\viewkind1\\viewscale100 \\nouicompat \\fet0{\\*\\wgrffmtfilter 2450}\\nofeaturethrottle1\\ilfomacatclnup0{\\*\\ftnsep \\ltrpar \\pard\\plain \\ltrpar\\ql \\li0\\ri0 {\\rtlch\\fcs1 \\af31507 \\ltrch\\fcs0 \\insrsid6450307 \\chftnsep 
\\par }}\\ltrpar \\sectd \\ltrsect\\linex0\\endnhere\\sectlinegrid360\\sectdefaultcl\\sftnbj {\\*\\pnseclvl1\\pnucrm\\pnstart1\\pnindent720\\pnhang {\\pntxta .}}{\\header \\ltrpar \\pard\\plain \\ltrpar\\s17\\qr \\li0\\ri0\\widctlpar{\\rtlch\\fcs1 \\af31507 \\ltrch\\fcs0 \\insrsid6450307 Running head\\par }}\\pard\\plain \\ltrpar\\s15\\qc \\li0\\ri0\\contextualspace\\widctlpar\\pararsid1336576 \\rtlch\\fcs1 \\af31503\\afs56 \\ltrch\\fcs0 \\fs56\\expnd-2\\expndtw-10\\lang1033\\loch\\af31502\\hich\\af31502\\dbch\\af31501 {\\rtlch\\fcs1 \\af31503 \\ltrch\\fcs0 \\insrsid1336576 \\hich\\af31502\\dbch\\af31501\\loch\\f31502 Night Shift}{\\rtlch\\fcs1 \\af31503 \\ltrch\\fcs0 \\insrsid1336576 
\\par }\\pard\\plain \\ltrpar\\s1\\ql \\li0\\ri0\\sb240\\keepn\\widctlpar\\outlinelevel0\\pararsid1336576 \\rtlch\\fcs1 \\af31503\\afs32 \\ltrch\\fcs0 \\fs32\\cf19\\lang1033 {\\rtlch\\fcs1 \\af31503 \\ltrch\\fcs0 \\insrsid1336576 \\hich\\af31502\\dbch\\af31501\\loch\\f31502 The Ward}{\\rtlch\\fcs1 \\af31503 \\ltrch\\fcs0 \\insrsid1336576 
\\par }\\pard\\plain \\ltrpar\\ql \\li0\\ri0\\sa160\\sl259\\slmult1\\widctlpar\\pararsid1336576 \\rtlch\\fcs1 \\af31507\\afs22 \\ltrch\\fcs0 \\f31506\\fs22\\lang1033 {\\rtlch\\fcs1 \\af31507 \\ltrch\\fcs0 \\insrsid1336576 \\'93I don\\rquote t think so,\\'94 said the na\\u239\\'efve nurse. She had worked }{\\rtlch\\fcs1 \\af31507 \\ltrch\\fcs0 \\i\\insrsid1336576 three}{\\rtlch\\fcs1 \\af31507 \\ltrch\\fcs0 \\insrsid1336576  nights in a row}{\\rtlch\\fcs1 \\af31507 \\ltrch\\fcs0 \\cs18\\super\\insrsid1336576 \\chftn {\\footnote \\ltrpar \\pard\\plain \\ltrpar\\s19\\ql \\li0\\ri0 {\\rtlch\\fcs1 \\af31507 \\ltrch\\fcs0 \\cs18\\super\\insrsid1336576 \\chftn }{\\rtlch\\fcs1 \\af31507 \\ltrch\\fcs0 \\insrsid1336576  Based on my own nights.}}}{\\rtlch\\fcs1 \\af31507 \\ltrch\\fcs0 \\insrsid1336576 . The board read {\\field{\\*\\fldinst {\\rtlch\\fcs1 \\af31507 \\ltrch\\fcs0 \\insrsid1336576  HYPERLINK "https://example.org/rota" }}{\\fldrslt {\\rtlch\\fcs1 \\af31507 \\ltrch\\fcs0 \\cs17\\ul\\cf2\\insrsid1336576 the rota}}}\\sectd \\ltrsect\\linex0\\endnhere\\sectlinegrid360 {\\rtlch\\fcs1 \\af31507 \\ltrch\\fcs0 \\insrsid1336576  \\emdash  nobody liked it.
\\par }{\\listtext\\pard\\plain\\ltrpar \\rtlch\\fcs1 \\af31507 \\ltrch\\fcs0 \\f3\\insrsid1336576 \\loch\\af3\\dbch\\af31505\\hich\\f3 \\'b7\\tab}\\pard\\plain \\ltrpar\\ql \\fi-360\\li720 {\\rtlch\\fcs1 \\af31507 \\ltrch\\fcs0 \\insrsid1336576 Check the charts.\\par }\\pard\\plain \\ltrpar\\s1\\ql \\li0\\ri0\\sb240\\keepn\\widctlpar\\outlinelevel0 \\rtlch\\fcs1 \\af31503\\afs32 \\ltrch\\fcs0 {\\rtlch\\fcs1 \\af31503 \\ltrch\\fcs0 \\insrsid1336576 \\page Morning\\par }\\pard\\plain \\ltrpar\\ql \\li0\\ri0\\sa160 {\\rtlch\\fcs1 \\af31507 \\ltrch\\fcs0 \\insrsid1336576 At six the sun came up over the car park, and she went home to sleep.\\par }
{\\*\\themedata 504b030414000600080000002100e9de0fbfff0000001c020000130000005b436f6e74656e745f54797065735d2e78}
{\\*\\datastore 0105000002000000180000004d73786d6c322e534158584d4c5265616465722e362e3000000000000000000000060000}}`;

export const WORD_TEXT = `Night Shift
Ana Ruiz
The Ward
“I don’t think so,” said the naïve nurse. She had worked three nights in a row. The board read the rota — nobody liked it.
• Check the charts.
Morning
At six the sun came up over the car park, and she went home to sleep.
Based on my own nights.`;

export const RTF_SAMPLES: RtfSample[] = [
  { name: 'lantern.rtf', bytes: ascii(TEXTEDIT), text: TEXTEDIT_TEXT },
  { name: 'winter.rtf', bytes: ascii(WORDPAD), text: WORDPAD_TEXT },
  { name: 'night-shift.rtf', bytes: ascii(WORD), text: WORD_TEXT },
];
