/** Facts about network targets that views show before the person grants one (pure helpers). */
export { isPrivateOrigin } from '../tools/private-address';
