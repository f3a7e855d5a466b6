// nlp.js ships no type declarations; these cover the parts the classifier uses.
declare module '@nlpjs/core' {
  export interface Container {
    use(plugin: unknown): void;
  }
  export function containerBootstrap(): Promise<Container>;
}

declare module '@nlpjs/nlu' {
  import type { Container } from '@nlpjs/core';
  export interface NluClassification {
    intent: string;
    score: number;
  }
  export class NluNeural {
    constructor(settings: { locale: string; log?: boolean; useNoneFeature?: boolean }, container: Container);
    cache?: { results: Record<string, unknown> };
    train(corpus: ReadonlyArray<{ utterance: string; intent: string }>): Promise<unknown>;
    process(utterance: string): Promise<{ classifications: NluClassification[] }>;
    toJSON(): unknown;
    fromJSON(json: unknown): void;
  }
}

declare module '@nlpjs/lang-en-min' {
  export class LangEn {}
  export class StopwordsEn {
    dictionary: Record<string, number>;
  }
}

declare module '@nlpjs/lang-nl' {
  export class LangNl {}
  export class StopwordsNl {
    dictionary: Record<string, number>;
  }
}
