import { describe, expect, it } from 'vitest';
import { installCommandFor, missingModulesMessage, missingRequired } from '../../src/core/scaffold/requiredModules';

const info = (numpy: string | null, pandas: string | null, executable = '/opt/py/bin/python3') => ({ executable, version: '3.12.1', numpy, pandas });

describe('modules a problem needs', () => {
  it('lists the required modules the interpreter lacks, in the problem’s order', () => {
    expect(missingRequired(['numpy', 'pandas'], info('2.1.0', null))).toEqual(['pandas']);
    expect(missingRequired(['pandas', 'numpy'], info(null, null))).toEqual(['pandas', 'numpy']);
    expect(missingRequired(['numpy'], info('2.1.0', null))).toEqual([]); // pandas is not needed here
    expect(missingRequired(['scipy'], info(null, null))).toEqual([]); // not probed: left to the run
  });

  it('installs only what the problem needs, with apt for Debian’s system Python', () => {
    expect(installCommandFor(['pandas'], info(null, null), 'linux')).toBe('/opt/py/bin/python3 -m pip install pandas');
    expect(installCommandFor(['pandas'], info('1.24', null, '/usr/bin/python3'), 'linux')).toBe('sudo apt-get install python3-pandas');
    expect(installCommandFor([], info(null, null), 'linux')).toBeUndefined();
  });

  it('names the problem, the modules, the interpreter and the command', () => {
    expect(missingModulesMessage('Group-by', ['pandas'], '/usr/bin/python3', 'sudo apt-get install python3-pandas'))
      .toBe('MLPrep: “Group-by” needs pandas, which is not installed for /usr/bin/python3. Install with: sudo apt-get install python3-pandas');
  });
});
