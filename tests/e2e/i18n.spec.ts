import { expect, test } from '@playwright/test';
import { isLocal, watch } from './page-watch';

test('switching to 中文 changes the interface and persists across a reload', async ({ page }) => {
  const seen = watch(page);
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByLabel('Language', { exact: true }).selectOption('zh');
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(dialog).toBeHidden();

  const checkChinese = async (): Promise<void> => {
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByRole('button', { name: '设置', exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: '模型', exact: true })).toBeVisible();
    await expect(page.getByRole('textbox', { name: '消息', exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: '发送', exact: true })).toBeVisible();
    await expect(page.getByRole('region', { name: '欢迎使用 Tabagent' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: '对话列表' })).toBeVisible();
  };
  await checkChinese();
  await page.reload();
  await checkChinese();

  await page.getByRole('button', { name: '设置', exact: true }).click();
  const zhDialog = page.getByRole('dialog', { name: '设置' });
  await zhDialog.getByLabel('语言', { exact: true }).selectOption('');
  await zhDialog.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Settings', exact: true })).toBeVisible();

  expect(seen.requests.filter((url) => !isLocal(url))).toEqual([]);
  expect(seen.errors).toEqual([]);
});

test.describe('with a Chinese browser', () => {
  test.use({ locale: 'zh-CN' });

  test('follows the browser language from the first visit', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('region', { name: '欢迎使用 Tabagent' })).toBeVisible();
    await expect(page.getByRole('button', { name: '连接服务器', exact: true })).toBeVisible();
    await page.getByRole('button', { name: '设置', exact: true }).click();
    await expect(page.getByRole('dialog', { name: '设置' }).getByLabel('语言', { exact: true })).toHaveValue('');
    await expect(page.getByRole('option', { name: '跟随浏览器（中文）' })).toBeAttached();
  });
});
