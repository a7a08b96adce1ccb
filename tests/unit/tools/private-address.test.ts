import { describe, expect, it } from 'vitest';
import { isPrivateOrigin } from '../../../src/tools/private-address';

describe('private network addresses', () => {
  const PRIVATE = [
    'http://localhost:8080',
    'http://api.localhost',
    'http://printer.local',
    'http://127.0.0.1',
    'http://127.1.2.3:9000',
    'http://2130706433', // 127.0.0.1 as one number
    'http://0x7f.1', // 127.0.0.1 in hex
    'http://0.0.0.0:8000',
    'http://10.1.2.3',
    'http://172.16.0.1',
    'http://172.31.255.255',
    'http://192.168.1.1',
    'http://169.254.169.254/latest/meta-data/',
    'http://100.64.0.1',
    'http://[::1]:3000',
    'http://[::]',
    'http://[fc00::1]',
    'http://[fd12:3456::1]',
    'http://[fe80::1]',
    'http://[::ffff:127.0.0.1]',
    'http://[::ffff:169.254.169.254]',
    'http://[::ffff:a9fe:a9fe]',
  ];
  const PUBLIC = [
    'https://api.example.com',
    'https://172.32.0.1',
    'https://172.15.0.1',
    'https://8.8.8.8',
    'https://192.169.0.1',
    'https://[2001:4860:4860::8888]',
    'https://[::ffff:8.8.8.8]',
    'https://localhost.example.com',
    'https://api.example.com@evil.example',
  ];
  for (const url of PRIVATE) it(`${url} is private`, () => expect(isPrivateOrigin(url)).toBe(true));
  for (const url of PUBLIC) it(`${url} is public`, () => expect(isPrivateOrigin(url)).toBe(false));
});
