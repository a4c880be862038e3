import type { IndexFeedDocument } from '../../library/documents';
import { currencyPrior, isCurrent as isCurrentDocument } from '../../library/model/validity';

/**
 * Repealed, expired and superseded documents stay findable (people look up old rules) but rank below
 * the version in force (library/model/validity decides what is current, and its prior): 公司法 2023
 * before 公司法 2018.
 */
export function documentPrior(doc: Pick<IndexFeedDocument, 'validity' | 'supersededBy'>): number {
  return currencyPrior({ validity: doc.validity, supersededBy: doc.supersededBy });
}

export function isCurrent(validity: string): boolean {
  return isCurrentDocument({ validity });
}
