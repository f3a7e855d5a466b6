import { ConfigError, loadConfig } from '../../src/config/config';

/**
 * "Values are never echoed": also the values that are wrong. A secret pasted into the wrong
 * setting, cut short or mistyped is exactly the value the one start-up message would otherwise
 * show (config.test.ts proves a valid secret beside wrong settings stays out).
 */

function problemsOf(environment: Record<string, string>): ConfigError {
  try {
    loadConfig(environment);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('the settings were accepted');
}

it('names each wrong setting without its value, also when the value is a secret cut short', () => {
  const wrong = {
    PERSON_KEY_SECRET: 'cut-short-secret-7f3a',
    PORT: 'port-eighty-typed-out',
    LOG_LEVEL: 'chatty-log-level',
    MAX_BODY_BYTES: 'a-lot-of-bytes',
  };
  const error = problemsOf(wrong);
  for (const setting of Object.keys(wrong)) expect(error.message).toContain(setting);
  for (const value of Object.values(wrong)) {
    expect(error.message).not.toContain(value);
    for (const problem of error.problems) expect(problem).not.toContain(value);
  }
});
