/**
 * The nearest built-in tool for each ModelScope AgentFabric tool (its `tools` map keys). Only
 * tools that do the same job are mapped; the rest have no counterpart and are noted on import.
 * Built-ins today: calculator, current_time, unit_convert, model_api (chat or image through the
 * person's model API), run_javascript (the sandbox), remember, recall, forget.
 */
const AGENTFABRIC_COUNTERPARTS: Readonly<Record<string, string>> = {
  // Wanx image generation → the model API's image task.
  image_gen: 'model_api',
  // A Python code interpreter → the JavaScript sandbox (the model writes JavaScript instead).
  code_interpreter: 'run_javascript',
};

/** The built-in tool standing in for an AgentFabric tool; undefined when there is none. */
export function agentFabricCounterpart(tool: string): string | undefined {
  return Object.hasOwn(AGENTFABRIC_COUNTERPARTS, tool) ? AGENTFABRIC_COUNTERPARTS[tool] : undefined;
}
