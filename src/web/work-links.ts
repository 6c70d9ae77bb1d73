import type { Store } from '../store/index.ts';
import type { CreditInput, WorkLinks } from '../store/work-links.ts';
import { canRead } from '../domain/works.ts';
import { parsePeopleList, PEOPLE_LIMITS, validateRelated, type PersonRef } from '../domain/work-links.ts';
import type { WorkFormValues } from '../app/work-form.ts';
import { accessOf } from '../app/access.ts';

function describe(ref: PersonRef): string {
  return ref.login ? `${ref.name} (${ref.login})` : ref.name;
}

/**
 * Turns what the form says about co-creators, gift recipients, beta readers and related works
 * into records: names become pen names where they name one, work addresses become works the
 * writer can see. Every problem is reported at once, keyed by form field.
 */
export async function resolveWorkLinks(
  store: Store,
  viewerId: number,
  values: WorkFormValues,
  archiveHost: string | undefined,
  workId?: number,
): Promise<{ links: WorkLinks; errors: Record<string, string> }> {
  const errors: Record<string, string> = {};

  const invitedPseudIds: number[] = [];
  for (const ref of parsePeopleList(values.coCreators)) {
    const pseud = await store.pseuds.findByRef(ref);
    if (!pseud)
      errors.coCreators = `No member here goes by “${describe(ref)}”. Write a pen name as “Pen name (username)”.`;
    else if (pseud.userId === viewerId)
      errors.coCreators = `“${pseud.name}” is your own pen name: tick it under Creators instead.`;
    else invitedPseudIds.push(pseud.id);
  }
  if (invitedPseudIds.length > PEOPLE_LIMITS.perList)
    errors.coCreators = `Invite at most ${PEOPLE_LIMITS.perList} co-creators.`;

  async function credits(field: 'gifts' | 'betas'): Promise<CreditInput[]> {
    const found: CreditInput[] = [];
    const refs = parsePeopleList(values[field]);
    if (refs.length > PEOPLE_LIMITS.perList) errors[field] = `Name at most ${PEOPLE_LIMITS.perList} people.`;
    for (const ref of refs) {
      if ([...ref.name].length > PEOPLE_LIMITS.name) {
        errors[field] = `Names are at most ${PEOPLE_LIMITS.name} characters.`;
        continue;
      }
      const pseud = await store.pseuds.findByRef(ref);
      // "Name (username)" promises a member; a bare name that is no member is credited as typed.
      if (!pseud && ref.login)
        errors[field] = `No member here goes by “${describe(ref)}”. Leave out the brackets to credit someone by name.`;
      else if (pseud && field === 'gifts' && (await store.blocks.blockedBy(viewerId, [pseud.userId])).length > 0)
        errors[field] = `${pseud.name} does not accept gifts from you.`;
      else if (!found.some((c) => (pseud ? c.pseudId === pseud.id : c.pseudId === null && c.name === ref.name)))
        found.push({ pseudId: pseud?.id ?? null, name: pseud?.name ?? ref.name });
    }
    return found;
  }
  const gifts = await credits('gifts');
  const betas = await credits('betas');

  const checked = validateRelated(values.related, archiveHost);
  Object.assign(errors, checked.errors);
  const related: WorkLinks['related'] = [];
  for (const item of checked.related) {
    const i = item.row;
    if ('url' in item.target) {
      related.push({ relation: item.relation, targetWorkId: null, url: item.target.url, title: item.title });
      continue;
    }
    const targetId = item.target.workId;
    const target = targetId === workId ? undefined : await store.works.find(targetId);
    const visible = target && canRead(accessOf(target), { id: viewerId });
    if (targetId === workId) errors[`related-${i}`] = 'A work cannot be related to itself.';
    else if (!visible) errors[`related-${i}`] = `There is no work at /works/${targetId} that you can see.`;
    else related.push({ relation: item.relation, targetWorkId: targetId, url: '', title: '' });
  }
  return { links: { invitedPseudIds, gifts, betas, related }, errors };
}
