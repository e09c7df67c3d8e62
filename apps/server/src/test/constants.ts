/** Fixed for the whole test run: every test database shares the cluster's app role. */
export const TEST_MASTER_KEY_HEX = '0f1e2d3c4b5a69788796a5b4c3d2e1f000112233445566778899aabbccddeeff';
export const TEMPLATE_DB = 'fazhi_template';
/** The day the test template's demo town was made on (its live year's open cases count from it). */
export const DEMO_TODAY = '2026-11-20';
