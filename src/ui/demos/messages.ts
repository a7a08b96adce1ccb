import { defineMessages } from '../i18n';

/**
 * The Demos dialog's words and every demo's texts: `<id>Title`, `<id>Summary`, `<id>System` (the
 * system prompt it sets) and `<id>Prompt` (its first message), in English and Chinese. A demo
 * started in Chinese sends the Chinese prompt and sets the Chinese system prompt.
 */
export const t = defineMessages({
  en: {
    title: 'Demos',
    intro:
      'Each demo switches on the tools it needs, sets a system prompt and opens a new conversation with its first message ready. Start puts the message in the box for you to read and send; Run sends it at once. Everything runs in this tab.',
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
    changesTools: ({ tools }) => `Switches on and pins: ${tools}.`,
    changesKnowledge: ({ base }) =>
      `Adds a short Tabagent user guide to the knowledge base “${base}” (only the first time) and switches that base on for the new conversation.`,
    changesOpenApi: ({ tools }) =>
      `Imports the bundled OpenAPI document of Open-Meteo’s free weather API (no key needed) as the tools ${tools}, switches them on and pins them. They may reach only Open-Meteo’s own servers.`,
    changesPrompt: 'Sets the system prompt (Settings → System prompt) to:',
    changesKept: 'Your model, keys and other tools stay as they are.',
    mcpStart: 'Start the reference MCP server on this computer first (it needs Node.js):',
    mcpThen: ({ url }) =>
      `It listens on ${url}, which the Tools page will have filled in: press Connect there. Its tools (echo, get-sum and more) join the list, and the first message waits for you in Chat.`,
    mcpNote: ({ url }) => `The demo filled in ${url}, the address it listens on. Press Connect once it runs.`,
    modelApiSteps:
      'While no image endpoint is set, Settings opens at the model_api section: enter your OpenAI-compatible endpoint (for example https://api.openai.com/v1), a chat model, an image model (for example gpt-image-1) and your key. The key stays in this browser and is sent only to that endpoint; you approve every call.',
    preparing: ({ title }) => `Preparing “${title}”…`,
    saveFailed: 'The demo could not save its settings; see the message at the top of the page.',
    noToolLibrary: 'Tools from OpenAPI documents are not available here.',
    close: 'Close',
    knowledgeBaseName: 'Demo',

    calculatorTitle: 'Calculator and units',
    calculatorSummary:
      'Exact arithmetic, unit conversion and the time of day with built-in tools that run in this tab. Each call appears as a card you can open.',
    calculatorSystem:
      'You are Tabagent. Use the calculator tool for every calculation, unit_convert for unit conversions and current_time for dates and times; never work them out in your head. Answer briefly with the results.',
    calculatorPrompt: 'What is 15% of 86.40? How many kilometres are 26.2 miles? And what time is it in Tokyo now?',

    documentsTitle: 'Ask my documents',
    documentsSummary:
      'A bundled Tabagent user guide goes into a knowledge base; the answer quotes the passages it used and cites them as [1], [2]: press a number to read the passage.',
    documentsSystem:
      'You are Tabagent. Answer from the reference material quoted with the message and cite each passage you use as [n]. If the material does not answer the question, say so.',
    documentsPrompt: 'What does strict network mode do, and how do I allow an API that it blocks?',

    mcpTitle: 'Connect an MCP server',
    mcpSummary:
      'Connects a Model Context Protocol server from its URL and turns its tools into tools the agent can use: here the reference “everything” server running on your computer.',
    mcpSystem:
      'You are Tabagent. Use the tools of connected MCP servers when they help, and say which tool an answer came from.',
    mcpPrompt: 'Use the MCP server’s get-sum tool to add 17 and 25.',

    openapiTitle: 'Tools from an OpenAPI spec',
    openapiSummary:
      'Any HTTP API described by an OpenAPI document becomes tools. This demo imports Open-Meteo’s weather forecast and place search (free, no key).',
    openapiSystem:
      'You are Tabagent. For weather questions, find the place’s coordinates with geocodePlace, then call getWeatherForecast with them (timezone "auto"). Give temperatures in °C and say that the data comes from Open-Meteo.',
    openapiPrompt: 'What will the weather be like in Hangzhou over the next three days?',

    modelApiTitle: 'Images through a model API',
    modelApiSummary:
      'The model_api tool sends a prompt to your own OpenAI-compatible API, with your own key: here to draw a picture with an image model.',
    modelApiSystem:
      'You are Tabagent. When the user asks for a picture, call model_api with task "image" and a detailed prompt in English. The user approves each call. Afterwards, say briefly what you asked for.',
    modelApiPrompt: 'Draw a watercolor of a lighthouse at dawn.',

    memoryTitle: 'Remember me',
    memorySummary:
      'Long-term memory: the agent saves what you tell it with the remember tool and finds it again in later conversations. See and edit the memories on the Memory page.',
    memorySystem:
      'You are Tabagent. You have long-term memory. When the user tells you a preference or a fact about themselves, save it with remember, one fact per call. Use recall when an answer may depend on what they told you before, and forget when they ask you to.',
    memoryPrompt: 'Remember that I prefer metric units and green tea.',
  },
  zh: {
    title: '演示',
    intro:
      '每个演示都会开启所需的工具、设置系统提示词，并新建一个对话，第一条消息已经写好。“开始”会把消息放进输入框，供你阅读后发送；“运行”则立即发送。一切都在此标签页中运行。',
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
    changesTools: ({ tools }) => `开启并固定：${tools}。`,
    changesKnowledge: ({ base }) => `把一份简短的 Tabagent 使用指南添加到知识库“${base}”（仅第一次），并为新对话开启该知识库。`,
    changesOpenApi: ({ tools }) =>
      `把内置的 Open-Meteo 免费天气 API 的 OpenAPI 文档（无需密钥）导入为工具 ${tools}，开启并固定它们。它们只能访问 Open-Meteo 自己的服务器。`,
    changesPrompt: '把系统提示词（设置 → 系统提示词）设为：',
    changesKept: '你的模型、密钥和其他工具保持不变。',
    mcpStart: '请先在这台电脑上启动参考 MCP 服务器（需要 Node.js）：',
    mcpThen: ({ url }) =>
      `它监听 ${url}，工具页会预先填好这个地址：在那里按“连接”。它的工具（echo、get-sum 等）会加入列表，第一条消息在对话页等着你。`,
    mcpNote: ({ url }) => `演示已填好它监听的地址 ${url}。服务器运行后按“连接”。`,
    modelApiSteps:
      '在还没有设置图像端点时，设置会在 model_api 部分打开：填写你的 OpenAI 兼容端点（例如 https://api.openai.com/v1）、对话模型、图像模型（例如 gpt-image-1）和你的密钥。密钥保存在此浏览器中，只会发往该端点；每次调用都需要你批准。',
    preparing: ({ title }) => `正在准备“${title}”…`,
    saveFailed: '演示无法保存设置；请查看页面顶部的提示。',
    noToolLibrary: '此处无法使用来自 OpenAPI 文档的工具。',
    close: '关闭',
    knowledgeBaseName: '演示',

    calculatorTitle: '计算器与单位',
    calculatorSummary: '用在此标签页中运行的内置工具进行精确计算、单位换算和查询时间。每次调用都会显示为一张可以展开的卡片。',
    calculatorSystem:
      '你是 Tabagent。每次计算都使用 calculator 工具，单位换算使用 unit_convert，日期和时间使用 current_time；不要心算。请用结果简短作答。',
    calculatorPrompt: '86.40 的 15% 是多少？26.2 英里是多少公里？东京现在几点？',

    documentsTitle: '问问我的文档',
    documentsSummary: '把内置的 Tabagent 使用指南放进知识库；回答会引用所用的段落，并标注为 [1]、[2]：点击编号即可阅读该段落。',
    documentsSystem: '你是 Tabagent。请根据随消息引用的参考资料回答，并用 [n] 标注你用到的每个段落。如果资料中没有答案，请直接说明。',
    documentsPrompt: '严格网络模式有什么作用？它拦截了某个 API 时，我该如何放行？',

    mcpTitle: '连接 MCP 服务器',
    mcpSummary: '通过 URL 连接一个模型上下文协议（MCP）服务器，把它的工具变成智能体可以使用的工具：这里用的是在你电脑上运行的参考服务器“everything”。',
    mcpSystem: '你是 Tabagent。在有帮助时使用已连接 MCP 服务器的工具，并说明答案来自哪个工具。',
    mcpPrompt: '用 MCP 服务器的 get-sum 工具计算 17 加 25。',

    openapiTitle: '来自 OpenAPI 规范的工具',
    openapiSummary: '任何用 OpenAPI 文档描述的 HTTP API 都可以变成工具。本演示导入 Open-Meteo 的天气预报和地点搜索（免费，无需密钥）。',
    openapiSystem:
      '你是 Tabagent。回答天气问题时，先用 geocodePlace 查到地点的经纬度，再用这些坐标调用 getWeatherForecast（timezone 设为 "auto"）。温度用 °C 表示，并说明数据来自 Open-Meteo。',
    openapiPrompt: '杭州未来三天的天气怎么样？',

    modelApiTitle: '通过模型 API 生成图像',
    modelApiSummary: 'model_api 工具会用你自己的密钥，把提示发送到你自己的 OpenAI 兼容 API：这里是用图像模型画一幅画。',
    modelApiSystem:
      '你是 Tabagent。当用户想要一幅图时，用 task "image" 和一段详细的英文提示调用 model_api。每次调用都由用户批准。之后简要说明你请求了什么。',
    modelApiPrompt: '画一幅黎明时分灯塔的水彩画。',

    memoryTitle: '记住我',
    memorySummary: '长期记忆：智能体用 remember 工具保存你告诉它的内容，并在以后的对话中再次找到。可以在记忆页面查看和编辑这些记忆。',
    memorySystem:
      '你是 Tabagent。你拥有长期记忆。当用户告诉你某个偏好或关于自己的事实时，用 remember 保存，每次调用保存一条。当回答可能取决于用户以前说过的话时使用 recall，用户要求时使用 forget。',
    memoryPrompt: '记住：我喜欢公制单位，也爱喝绿茶。',
  },
});
