/** How long after the last lint the Node build's idle collector runs (memory.ts); the browser build collects nothing. */
export const IDLE_COLLECTION_MS = 1500;
