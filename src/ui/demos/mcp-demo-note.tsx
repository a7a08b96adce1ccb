import { t } from './messages';
import './demos.css';
import { MCP_DEMO_COMMAND } from './presets';

/** Shown above the MCP form when the demo filled in the URL: how to start the server it points at. */
export function McpDemoNote(props: { url: string }) {
  return (
    <div class="mcp-demo-note" role="note">
      <p>{t('mcpStart')}</p>
      <pre class="demo-command">
        <code>{MCP_DEMO_COMMAND}</code>
      </pre>
      <p>{t('mcpNote', { url: props.url })}</p>
    </div>
  );
}
