/** The page's network door, created once by the entry point before anything else runs. */
export { createAppNetwork, type AppNetwork } from '../net/app-network';
