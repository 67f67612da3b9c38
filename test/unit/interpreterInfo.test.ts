import { describe, expect, it } from 'vitest';
import { describeInterpreter, installCommand, missingModules, parseInterpreterInfo } from '../../src/core/runner/interpreterInfo';

const info = (numpy: string | null, pandas: string | null, executable = '/home/u/.venv/bin/python') => ({ executable, version: '3.11.7', numpy, pandas });

describe('interpreter info', () => {
  it('parses the harness info output', () => {
    const i = parseInterpreterInfo('{"python": {"executable": "/usr/bin/python3", "version": "3.11.2", "numpy": "1.24.2", "pandas": null}, "modules": {}}');
    expect(i).toEqual({ executable: '/usr/bin/python3', version: '3.11.2', numpy: '1.24.2', pandas: null });
    expect(() => parseInterpreterInfo('{"ok": 1}')).toThrow();
    expect(() => parseInterpreterInfo('Traceback')).toThrow();
  });

  it('describes and names what is missing', () => {
    expect(describeInterpreter(info('2.4.6', null))).toBe('Python 3.11.7 · numpy 2.4.6 · pandas missing');
    // torch is named where it imports (the PyTorch variants need it), never reported missing
    expect(describeInterpreter({ ...info('2.4.6', '3.0.6'), torch: true })).toBe('Python 3.11.7 · numpy 2.4.6 · pandas 3.0.6 · torch');
    expect(describeInterpreter({ ...info('2.4.6', '3.0.6'), torch: false })).toBe('Python 3.11.7 · numpy 2.4.6 · pandas 3.0.6');
    expect(missingModules(info(null, null))).toEqual(['numpy', 'pandas']);
    expect(missingModules(info('1', '2'))).toEqual([]);
  });

  it('suggests pip for a venv and apt for Debian system Python', () => {
    expect(installCommand(info('2', null), 'linux')).toBe('/home/u/.venv/bin/python -m pip install pandas');
    expect(installCommand(info(null, null, '/usr/bin/python3'), 'linux')).toBe('sudo apt-get install python3-numpy python3-pandas');
    expect(installCommand(info(null, '2', 'C:\\Program Files\\Python\\python.exe'), 'win32')).toBe('"C:\\Program Files\\Python\\python.exe" -m pip install numpy');
    expect(installCommand(info('1', '2'), 'linux')).toBeUndefined();
  });
});
