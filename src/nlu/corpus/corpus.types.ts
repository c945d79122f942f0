import type { Intent } from '../../common/protocol';

/** Training phrases per intent for one language. */
export type IntentCorpus = Record<Intent, string[]>;
