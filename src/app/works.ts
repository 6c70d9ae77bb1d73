/**
 * Posting and changing works: the one way a work is posted or edited from a form (the HTML form,
 * the JSON API) and filed into the series the form chose, all in one transaction.
 */
import { ForbiddenError } from '../domain/errors.ts';
import type { WorkFields } from '../domain/works.ts';
import type { ChapterContent } from '../text/work-text.ts';
import type { SeriesChoice, Store, WorkBlurb, WorkLinks } from '../store/index.ts';
import { creatorUserIds } from './access.ts';
import type { Member } from './viewer.ts';

/** A checked posting form (`validateWorkForm`) with its resolved links. */
export interface Posting {
  fields: WorkFields;
  chapter: ChapterContent;
  creatorPseudIds: number[];
  links?: WorkLinks;
  /** One of the member's series, or a new one of theirs to start. */
  series?: SeriesChoice;
}

/** A checked edit form; what is left out stays as it is. */
export interface Edit {
  fields: WorkFields;
  links?: WorkLinks;
  /** The member's own pen names on the work. */
  creatorPseudIds?: number[];
  series?: SeriesChoice;
}

export class Works {
  constructor(private readonly store: Store) {}

  /** Posts a work by the member, filed into the chosen series: a failed series step posts nothing. Returns its id. */
  async post(member: Member, posting: Posting): Promise<number> {
    const { series, ...work } = posting;
    return this.store.works.create({ ...work, series: series && { userId: member.id, choice: series } });
  }

  /** Changes a work of the member's (loaded with `access.owned`), filing it into the chosen series in the same transaction. */
  async edit(member: Member, work: WorkBlurb, edit: Edit): Promise<void> {
    if (!creatorUserIds(work).includes(member.id)) throw new ForbiddenError("Only the work's creators can change it.");
    const series = edit.series && { userId: member.id, choice: edit.series };
    await this.store.works.update(work.id, edit.fields, edit.links, series);
    if (edit.creatorPseudIds) await this.store.works.setCreatorPseuds(work.id, member.id, edit.creatorPseudIds);
  }
}
