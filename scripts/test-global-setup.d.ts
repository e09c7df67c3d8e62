import type { TestProject } from 'vitest/node';
/**
 * One throwaway PostgreSQL for the whole run (the system's binaries where present, else
 * the embedded ones), with a template database that has every migration and the demo town.
 * Each test file clones the template (CREATE DATABASE … TEMPLATE), which takes milliseconds.
 * Set TEST_DATABASE_URL to use an existing server instead (it must allow CREATE DATABASE).
 */
export default function setup(project: TestProject): Promise<() => Promise<void>>;
export declare const withDb: (url: string, db: string) => string;
declare module 'vitest' {
    interface ProvidedContext {
        ownerBaseUrl: string;
    }
}
