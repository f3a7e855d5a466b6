import { ConfigError, loadConfig } from '../../src/config/config';

/**
 * The README's Settings table gives each bounded setting its range and says which settings are for
 * tests and demos only; a wrong one stops the start, named in the one message. config.test.ts
 * covers the connection timeouts and MAX_MESSAGE_CHARS; these are the other bounds it promises.
 */

const PRODUCTION_IDENTITY = {
  MicrosoftAppId: 'app',
  MicrosoftAppPassword: 'secret',
  MicrosoftAppType: 'SingleTenant',
  MicrosoftAppTenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
  // A production bot needs its advisers' group and Graph access to read it (productionNeedsItsAdvisersGroup.test.ts).
  ADVISOR_GROUP_ID: '99999999-8888-4777-8666-555555555555',
  GRAPH_CLIENT_ID: 'graph',
  GRAPH_CLIENT_SECRET: 'secret',
  GRAPH_TENANT_ID: '72f988bf-86f1-41af-91ab-2d7cd011db47',
};

function settingsRefused(environment: Record<string, string>): readonly string[] {
  try {
    loadConfig(environment);
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.map((problem) => problem.split(':')[0]);
  }
}

describe('settings a production bot refuses', () => {
  it('refuses CLOCK_OFFSET_MINUTES with an app id (moving the clock would bring retention, expiry and escalation forward), and takes it without one', () => {
    expect(settingsRefused({ ...PRODUCTION_IDENTITY, CLOCK_OFFSET_MINUTES: '4320' })).toEqual(['CLOCK_OFFSET_MINUTES']);
    expect(settingsRefused({ ...PRODUCTION_IDENTITY, CLOCK_OFFSET_MINUTES: '-0.5' })).toEqual(['CLOCK_OFFSET_MINUTES']);
    expect(settingsRefused({ ...PRODUCTION_IDENTITY })).toEqual([]);
    expect(loadConfig({ CLOCK_OFFSET_MINUTES: '4320' }).clockOffsetMinutes).toBe(4320);
  });
});

describe('bounded settings', () => {
  it.each([
    ['CONNECTOR_TIMEOUT_MS', '999', '120001', '1000', '120000'],
    ['AUDIT_RETENTION_DAYS', '0', '3651', '1', '3650'],
    ['FAILED_JOB_RETENTION_DAYS', '0', '366', '1', '365'],
    ['REMINDER_MORNING_HOUR', '-1', '24', '0', '23'],
    ['REMINDER_AFTER_SHIFT_HOUR', '-1', '24', '0', '23'],
  ])('%s: refuses %s and %s, takes %s and %s', (setting, below, above, lowest, highest) => {
    expect(settingsRefused({ [setting]: below })).toEqual([setting]);
    expect(settingsRefused({ [setting]: above })).toEqual([setting]);
    expect(settingsRefused({ [setting]: lowest })).toEqual([]);
    expect(settingsRefused({ [setting]: highest })).toEqual([]);
  });

  it('puts each bounded setting where the bot reads it', () => {
    const config = loadConfig({
      CONNECTOR_TIMEOUT_MS: '2500',
      AUDIT_RETENTION_DAYS: '540',
      FAILED_JOB_RETENTION_DAYS: '7',
      REMINDER_MORNING_HOUR: '8',
      REMINDER_AFTER_SHIFT_HOUR: '16',
    });
    expect(config.retention).toMatchObject({ auditDays: 540, failedJobDays: 7 });
    expect(config.reminders).toEqual({ morningHour: 8, afterShiftHour: 16 });
    expect(JSON.stringify(config)).toContain('"connectorTimeoutMs":2500');
  });
});
