/**
 * Links 政策解读 documents to the 政策文件 they explain. Evidence, strongest first:
 *   1. the interpretation's title names the policy ('《X办法》的解读', 'X办法政策解读')       by 'title'
 *   2. a 文号 of a policy in the interpretation's title or opening (SUBJECT_CHARS)          by 'docNumber'
 *   3. a 《title》 of a policy in the opening, when 1 and 2 found nothing                    by 'title'
 * Only the opening counts for 2 and 3: later in a 解读 come the background citations
 * (根据《中华人民共和国X法》, 国发〔2016〕12号), which are not what it explains.
 */
import type { InfoType } from '../../library/model/document';
import { findPolicyReferences, interpretationTarget, normalizePolicyTitle } from './references';

export interface LinkableDocument {
  id: string;
  title: string;
  infoType: InfoType;
  docNumberKey: string | null;
  body: string;
}

export interface InterpretationLink {
  interpretationId: string;
  policyId: string;
  by: 'title' | 'docNumber';
}

/** The part of an interpretation's body that states its subject ("《X》（以下简称《办法》）已于…印发"). */
export const SUBJECT_CHARS = 300;

/** Titles of policies, matched by normal form and by an inner 《title》 ("关于印发《X》的通知" → X). */
class PolicyTitles {
  private readonly byKey = new Map<string, LinkableDocument[]>();

  add(doc: LinkableDocument): void {
    const keys = new Set([
      normalizePolicyTitle(doc.title),
      ...findPolicyReferences(doc.title).titles.map((t) => t.key),
    ]);
    for (const key of keys) {
      if (key.length < 4) continue;
      const list = this.byKey.get(key) ?? [];
      list.push(doc);
      this.byKey.set(key, list);
    }
  }

  /**
   * Policies titled `key`. When several share it (the same 意见 from two provinces), keep the ones
   * whose title shares the interpretation's leading place name; if that does not single any out, none.
   */
  find(key: string, interpretationTitle: string): LinkableDocument[] {
    const found = this.byKey.get(key) ?? [];
    if (found.length <= 1) return found;
    const place = /^[《\s]*([\u4e00-\u9fa5]{2,8}?(?:省|市|自治区|县|区))/u.exec(interpretationTitle)?.[1];
    const narrowed = place ? found.filter((d) => d.title.includes(place)) : [];
    return narrowed.length === 1 ? narrowed : [];
  }
}

export function linkInterpretations(docs: LinkableDocument[]): InterpretationLink[] {
  const titles = new PolicyTitles();
  const byNumber = new Map<string, LinkableDocument[]>();
  for (const doc of docs) {
    if (doc.infoType !== '政策文件') continue;
    titles.add(doc);
    if (doc.docNumberKey) byNumber.set(doc.docNumberKey, [...(byNumber.get(doc.docNumberKey) ?? []), doc]);
  }

  const links: InterpretationLink[] = [];
  for (const doc of docs) {
    if (doc.infoType !== '政策解读') continue;
    const seen = new Set<string>();
    const link = (policy: LinkableDocument, by: InterpretationLink['by']): void => {
      if (policy.id === doc.id || seen.has(policy.id)) return;
      seen.add(policy.id);
      links.push({ interpretationId: doc.id, policyId: policy.id, by });
    };

    const target = interpretationTarget(doc.title);
    if (target) for (const p of titles.find(target, doc.title)) link(p, 'title');

    const opening = `${doc.title}\n${doc.body.slice(0, SUBJECT_CHARS)}`;
    const refs = findPolicyReferences(opening);
    for (const n of refs.docNumbers) for (const p of byNumber.get(n.key) ?? []) link(p, 'docNumber');

    if (seen.size === 0)
      for (const t of refs.titles) for (const p of titles.find(t.key, doc.title)) link(p, 'title');
  }
  return links;
}
