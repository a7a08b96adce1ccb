import { afterEach, describe, expect, it } from 'vitest';
import { TabagentError } from '../../../src/core/errors';
import { errorText } from '../../../src/ui/errors/error-text';
import { setLocale } from '../../../src/ui/i18n';

afterEach(() => setLocale('en'));

describe('errorText: errors put into words by code, in the interface language', () => {
  const auth = new TabagentError('auth', 'The server rejected the API key (401). Check the API key in Settings.', {
    data: { status: 401, serverMessage: 'Incorrect API key provided.' },
  });

  it('shows the error’s own English message in English', () => {
    setLocale('en');
    expect(errorText(auth)).toBe(auth.message);
  });

  it('translates by code with the parameters from data in Chinese, with what the server said', () => {
    setLocale('zh');
    expect(errorText(auth)).toBe('服务器拒绝了 API 密钥（401）。请在“设置”中检查 API 密钥。 服务器返回：“Incorrect API key provided.”');
  });

  it('falls back to the English message for a code it has no words for', () => {
    setLocale('zh');
    expect(errorText(new TabagentError('invalid-file', 'This is not a Tabagent backup.'))).toBe('This is not a Tabagent backup.');
    expect(errorText(new Error('plain failure'))).toBe('plain failure');
  });

  it('translates a stored { code, message } (a turn’s error) and a config error by its reason', () => {
    setLocale('zh');
    expect(errorText({ code: 'rate-limited', message: 'The server is limiting requests (429).' })).toBe('服务器正在限制请求（429）。请稍等片刻再试。');
    expect(errorText(new TabagentError('config', 'No local model is chosen yet.', { data: { reason: 'noLocalModel' } }))).toBe('还没有选择本地模型。请打开“模型”，选择一个。');
  });
});
