import { defineMessages } from '../i18n';

/** The words about attached images: the composer's attach button, thumbnails and refusals. */
export const t = defineMessages({
  en: {
    attachImage: 'Attach image',
    attachedImages: 'Attached images',
    removeImage: ({ name }) => `Remove ${name}`,
    refusedType: ({ name, type }) => `${name} was not attached: only PNG, JPEG, WebP and GIF images can be attached (this file is ${type}).`,
    refusedSize: ({ name, size, limit }) => `${name} was not attached: it is ${size}, and an image may be at most ${limit}.`,
    refusedCount: ({ name, limit }) => `${name} was not attached: a message can hold at most ${limit} images.`,
    readFailed: ({ name }) => `${name} could not be read, so it was not attached.`,
    noVision:
      'Nothing was sent: this model does not read images. Remove the images, or choose a model that reads them (a server model with "This model accepts images" ticked in Settings, or a vision model on the Models page).',
    unknownType: 'of an unknown type',
    imagesInMessage: 'Images in this message',
    toolImages: ({ name }) => `Images from ${name}`,
    toolImage: ({ name, number }) => `Image ${number} from ${name}`,
  },
  zh: {
    attachImage: '附加图片',
    attachedImages: '已附加的图片',
    removeImage: ({ name }) => `移除 ${name}`,
    refusedType: ({ name, type }) => `${name} 未附加：只能附加 PNG、JPEG、WebP 和 GIF 图片（这个文件是 ${type}）。`,
    refusedSize: ({ name, size, limit }) => `${name} 未附加：它有 ${size}，图片最大 ${limit}。`,
    refusedCount: ({ name, limit }) => `${name} 未附加：一条消息最多 ${limit} 张图片。`,
    readFailed: ({ name }) => `无法读取 ${name}，所以没有附加。`,
    noVision: '没有发送：这个模型不能读取图片。请移除图片，或选择能读取图片的模型（在设置中勾选“此模型接受图片”的服务器模型，或在模型页选择视觉模型）。',
    unknownType: '未知类型',
    imagesInMessage: '这条消息中的图片',
    toolImages: ({ name }) => `${name} 返回的图片`,
    toolImage: ({ name, number }) => `${name} 返回的第 ${number} 张图片`,
  },
});
