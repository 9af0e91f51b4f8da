/** Types of scripts/gen-schema-validator.mjs, for the tests that import it. */
export declare const DURATION: string;
export declare function generateSchemaValidator(): boolean;
export declare function validatorSource(name: 'compose' | 'config'): { schema: Record<string, unknown>; options: Record<string, unknown> };
