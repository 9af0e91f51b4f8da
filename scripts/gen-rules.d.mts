/** Types of scripts/gen-rules.mjs, for the tests that import it. */
export declare const RULE_INDEX_PATH: string;
export declare function ruleIndexText(): { text: string; count: number };
export declare function generateRuleIndex(): number;
