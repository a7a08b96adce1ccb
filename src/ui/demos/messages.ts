import { demoStarterPrompt } from '../../app/demos/demo-agents';
import { defineMessages } from '../i18n';

/**
 * The Demos dialog's words and every demo's texts: `<id>Title`, `<id>Summary` and `<id>Prompt` (its
 * first message: its built-in agent's starter prompt, src/app/demos/demo-agents.ts), in English and
 * Chinese. A demo started in Chinese sends the Chinese prompt, and its agent's instructions are Chinese too.
 */
export const t = defineMessages({
  en: {
    title: 'Demos',
    intro:
      'Each demo is a built-in agent: it opens a new conversation with that agent, its tools and its instructions, with the first message ready; your settings stay as they are. Start puts the message in the box for you to read and send; Run sends it at once. Everything runs in this tab.',
    engineMissing:
      'No model is set up yet, and the demos need one to answer. Choose a local model (nothing is downloaded until you agree to its size) or connect a server you already use.',
    openModels: 'Choose a local model',
    connectServer: 'Connect a server',
    runNeedsEngine: 'Run needs a model: set one up first.',
    listLabel: 'Demos',
    start: 'Start',
    startNamed: ({ title }) => `Start: ${title}`,
    run: 'Run',
    runNamed: ({ title }) => `Run: ${title}`,
    openTools: 'Open Tools',
    openToolsNamed: ({ title }) => `Open Tools: ${title}`,
    firstMessage: 'First message:',
    changes: 'What it changes',
    changesTools: ({ tools }) => `Its agent offers and pins: ${tools}.`,
    changesKnowledge: ({ base }) =>
      `Adds a short Tabagent user guide to the knowledge base “${base}” (only the first time) and switches that base on for the new conversation.`,
    changesOpenApi: ({ tools }) =>
      `Imports the bundled OpenAPI document of Open-Meteo’s free weather API (no key needed) as the tools ${tools}, which its agent offers and pins. They may reach only Open-Meteo’s own servers.`,
    changesPrompt: 'Its agent’s instructions (the conversation’s system text):',
    changesKept: 'Your settings, model, keys and tools stay as they are.',
    mcpStart: 'Start the reference MCP server on this computer first (it needs Node.js):',
    mcpThen: ({ url }) =>
      `It listens on ${url}, which the Tools page will have filled in: press Connect there. Its tools (echo, get-sum and more) join the list, and the first message waits for you in Chat.`,
    mcpNote: ({ url }) => `The demo filled in ${url}, the address it listens on. Press Connect once it runs.`,
    modelApiSteps:
      'While no image endpoint is set, Settings opens at the model_api section: enter your OpenAI-compatible endpoint (for example https://api.openai.com/v1), a chat model, an image model (for example gpt-image-1) and your key. The key stays in this browser and is sent only to that endpoint; you approve every call.',
    preparing: ({ title }) => `Preparing “${title}”…`,
    noToolLibrary: 'Tools from OpenAPI documents are not available here.',
    close: 'Close',
    knowledgeBaseName: 'Demo',

    calculatorTitle: 'Calculator and units',
    calculatorSummary:
      'Exact arithmetic, unit conversion and the time of day with built-in tools that run in this tab. Each call appears as a card you can open.',
    calculatorPrompt: demoStarterPrompt('calculator', 'en'),

    documentsTitle: 'Ask my documents',
    documentsSummary:
      'A bundled Tabagent user guide goes into a knowledge base; the answer quotes the passages it used and cites them as [1], [2]: press a number to read the passage.',
    documentsPrompt: demoStarterPrompt('documents', 'en'),

    mcpTitle: 'Connect an MCP server',
    mcpSummary:
      'Connects a Model Context Protocol server from its URL and turns its tools into tools the agent can use: here the reference “everything” server running on your computer.',
    mcpPrompt: demoStarterPrompt('mcp', 'en'),

    openapiTitle: 'Tools from an OpenAPI spec',
    openapiSummary:
      'Any HTTP API described by an OpenAPI document becomes tools. This demo imports Open-Meteo’s weather forecast and place search (free, no key).',
    openapiPrompt: demoStarterPrompt('openapi', 'en'),

    modelApiTitle: 'Images through a model API',
    modelApiSummary:
      'The model_api tool sends a prompt to your own OpenAI-compatible API, with your own key: here to draw a picture with an image model.',
    modelApiPrompt: demoStarterPrompt('modelApi', 'en'),

    memoryTitle: 'Remember me',
    memorySummary:
      'Long-term memory: the agent saves what you tell it with the remember tool and finds it again in later conversations. See and edit the memories on the Memory page.',
    memoryPrompt: demoStarterPrompt('memory', 'en'),
  },
  zh: {
    title: '演示',
    intro:
      '每个演示都是一个内置智能体：它会用该智能体及其工具和指令新建一个对话，第一条消息已经写好；你的设置保持不变。“开始”会把消息放进输入框，供你阅读后发送；“运行”则立即发送。一切都在此标签页中运行。',
    engineMissing: '还没有设置模型，而演示需要模型来回答。请选择一个本地模型（在你同意其下载大小之前不会下载任何内容），或连接你已经在用的服务器。',
    openModels: '选择本地模型',
    connectServer: '连接服务器',
    runNeedsEngine: '“运行”需要模型：请先设置一个。',
    listLabel: '演示列表',
    start: '开始',
    startNamed: ({ title }) => `开始：${title}`,
    run: '运行',
    runNamed: ({ title }) => `运行：${title}`,
    openTools: '打开工具页',
    openToolsNamed: ({ title }) => `打开工具页：${title}`,
    firstMessage: '第一条消息：',
    changes: '会改变什么',
    changesTools: ({ tools }) => `它的智能体提供并固定：${tools}。`,
    changesKnowledge: ({ base }) => `把一份简短的 Tabagent 使用指南添加到知识库“${base}”（仅第一次），并为新对话开启该知识库。`,
    changesOpenApi: ({ tools }) =>
      `把内置的 Open-Meteo 免费天气 API 的 OpenAPI 文档（无需密钥）导入为工具 ${tools}，由它的智能体提供并固定。它们只能访问 Open-Meteo 自己的服务器。`,
    changesPrompt: '它的智能体的指令（对话的系统文本）：',
    changesKept: '你的设置、模型、密钥和工具保持不变。',
    mcpStart: '请先在这台电脑上启动参考 MCP 服务器（需要 Node.js）：',
    mcpThen: ({ url }) =>
      `它监听 ${url}，工具页会预先填好这个地址：在那里按“连接”。它的工具（echo、get-sum 等）会加入列表，第一条消息在对话页等着你。`,
    mcpNote: ({ url }) => `演示已填好它监听的地址 ${url}。服务器运行后按“连接”。`,
    modelApiSteps:
      '在还没有设置图像端点时，设置会在 model_api 部分打开：填写你的 OpenAI 兼容端点（例如 https://api.openai.com/v1）、对话模型、图像模型（例如 gpt-image-1）和你的密钥。密钥保存在此浏览器中，只会发往该端点；每次调用都需要你批准。',
    preparing: ({ title }) => `正在准备“${title}”…`,
    noToolLibrary: '此处无法使用来自 OpenAPI 文档的工具。',
    close: '关闭',
    knowledgeBaseName: '演示',

    calculatorTitle: '计算器与单位',
    calculatorSummary: '用在此标签页中运行的内置工具进行精确计算、单位换算和查询时间。每次调用都会显示为一张可以展开的卡片。',
    calculatorPrompt: demoStarterPrompt('calculator', 'zh'),

    documentsTitle: '问问我的文档',
    documentsSummary: '把内置的 Tabagent 使用指南放进知识库；回答会引用所用的段落，并标注为 [1]、[2]：点击编号即可阅读该段落。',
    documentsPrompt: demoStarterPrompt('documents', 'zh'),

    mcpTitle: '连接 MCP 服务器',
    mcpSummary: '通过 URL 连接一个模型上下文协议（MCP）服务器，把它的工具变成智能体可以使用的工具：这里用的是在你电脑上运行的参考服务器“everything”。',
    mcpPrompt: demoStarterPrompt('mcp', 'zh'),

    openapiTitle: '来自 OpenAPI 规范的工具',
    openapiSummary: '任何用 OpenAPI 文档描述的 HTTP API 都可以变成工具。本演示导入 Open-Meteo 的天气预报和地点搜索（免费，无需密钥）。',
    openapiPrompt: demoStarterPrompt('openapi', 'zh'),

    modelApiTitle: '通过模型 API 生成图像',
    modelApiSummary: 'model_api 工具会用你自己的密钥，把提示发送到你自己的 OpenAI 兼容 API：这里是用图像模型画一幅画。',
    modelApiPrompt: demoStarterPrompt('modelApi', 'zh'),

    memoryTitle: '记住我',
    memorySummary: '长期记忆：智能体用 remember 工具保存你告诉它的内容，并在以后的对话中再次找到。可以在记忆页面查看和编辑这些记忆。',
    memoryPrompt: demoStarterPrompt('memory', 'zh'),
  },
});
