// The light build of Bottleneck (no Redis clustering) is the one @octokit/plugin-throttling uses;
// it has the same API as the package's typed entry point.
declare module 'bottleneck/light.js' {
  import Bottleneck from 'bottleneck';
  export default Bottleneck;
}
