// The one version of the server and the CLI: package.json's, inlined by the
// bundler at build time (only this field of the file ends up in a bundle).
import { version } from '../../package.json';

export const VERSION: string = version;
