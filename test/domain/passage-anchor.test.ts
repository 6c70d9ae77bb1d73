import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  PASSAGE_SIMILARITY,
  QUOTE_LIMIT,
  quoteWithin,
  reanchor,
  similarity,
  type PassageAnchor,
} from '../../src/domain/passage-anchor.ts';

const chapter = [
  'The lighthouse stood at the end of the world, and nobody had climbed it in years.',
  'Mara counted the steps as she went up: one hundred and twelve, each one worn in the middle.',
  'At the top the lamp was cold. She put her hand on the glass and felt the storm coming.',
  'Below, the boat she had come in was already drifting away.',
];

const on = (paragraph: number, quote: string | null = null): PassageAnchor => ({
  paragraph,
  text: chapter[paragraph - 1],
  quote,
});

describe('passage anchors follow their paragraph through edits', () => {
  it('stays where it is when nothing changed', () => {
    for (let n = 1; n <= chapter.length; n++) assert.equal(reanchor(on(n), chapter), n);
  });

  it('moves down when a paragraph is inserted before it', () => {
    const edited = [chapter[0], 'A new paragraph about the weather.', ...chapter.slice(1)];
    assert.equal(reanchor(on(1), edited), 1);
    assert.equal(reanchor(on(2), edited), 3);
    assert.equal(reanchor(on(4), edited), 5);
  });

  it('follows its paragraph when paragraphs are moved', () => {
    const edited = [chapter[2], chapter[0], chapter[3], chapter[1]];
    assert.equal(reanchor(on(1), edited), 2);
    assert.equal(reanchor(on(2), edited), 4);
    assert.equal(reanchor(on(3), edited), 1);
    assert.equal(reanchor(on(4), edited), 3);
  });

  it('follows a paragraph when a word of it is changed', () => {
    const edited = [...chapter];
    edited[1] = edited[1].replace('worn', 'polished');
    assert.equal(reanchor(on(2), edited), 2);
    // …also when the edit moved it.
    assert.equal(reanchor(on(2), ['An opening line.', ...edited]), 3);
  });

  it('finds the paragraph holding the quoted sentence when the rest of the paragraph was rewritten', () => {
    const edited = [...chapter];
    edited[2] =
      'Everything up here had changed since her father’s time. She put her hand on the glass and felt the storm coming.';
    assert.equal(reanchor(on(3, 'She put her hand on the glass'), edited), 3);
  });

  it('becomes a comment on the chapter (no paragraph) when its passage is deleted, keeping its quote', () => {
    const anchor = on(3, 'the lamp was cold');
    const edited = [chapter[0], chapter[1], chapter[3]];
    assert.equal(reanchor(anchor, edited), null);
    assert.equal(anchor.quote, 'the lamp was cold', 'the quote stays to show what it referred to');
    assert.equal(reanchor(on(3), []), null);
  });

  it('is not fooled by a paragraph that merely shares a few words', () => {
    const edited = [chapter[0], 'She went up the steps.', chapter[3]];
    assert.equal(reanchor(on(2), edited), null);
  });

  it('picks the copy nearest its old place when the same paragraph appears twice', () => {
    const repeated = ['"No."', 'She waited.', '"No."', 'He left.', '"No."'];
    assert.equal(reanchor({ paragraph: 3, text: '"No."', quote: null }, repeated), 3);
    // Inserting before it: the third "No." is still the third, though the second is as near.
    assert.equal(reanchor({ paragraph: 5, text: '"No."', quote: null }, ['Intro.', ...repeated], repeated), 6);
    // Without the text before the edit, the nearest (the earlier of two as near).
    assert.equal(reanchor({ paragraph: 5, text: '"No."', quote: null }, ['Intro.', ...repeated]), 4);
  });

  it('keeps an orphaned comment orphaned unless its text comes back', () => {
    const orphan: PassageAnchor = { paragraph: null, text: chapter[2], quote: null };
    assert.equal(reanchor(orphan, [chapter[0]]), null);
    assert.equal(reanchor(orphan, [chapter[0], chapter[2]]), 2);
  });
});

describe('similarity', () => {
  it('is 1 for the same words and 0 for none in common, ignoring case, spacing and punctuation', () => {
    assert.equal(similarity('The  storm, coming!', 'the storm coming'), 1);
    assert.equal(similarity('alpha beta', 'gamma delta'), 0);
  });
  it('stays above the threshold for a one-word edit of a sentence', () => {
    assert.ok(similarity(chapter[1], chapter[1].replace('worn', 'polished')) > PASSAGE_SIMILARITY);
  });
});

describe('quotes are checked against the paragraph', () => {
  it('keeps a quote that is in the paragraph, whitespace evened out', () => {
    assert.equal(quoteWithin('  the lamp\n was   cold ', chapter[2]), 'the lamp was cold');
  });
  it('refuses a quote that is not in the paragraph, an empty one, or one too long', () => {
    assert.equal(quoteWithin('buy cheap watches', chapter[2]), null);
    assert.equal(quoteWithin('   ', chapter[2]), null);
    assert.equal(quoteWithin('x'.repeat(QUOTE_LIMIT + 1), 'x'.repeat(QUOTE_LIMIT + 5)), null);
  });
});
