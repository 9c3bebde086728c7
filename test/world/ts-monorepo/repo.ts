/** The workflow file of acme/storefront, as /contents serves it: where each planted cause is written. */
export const CI_YML = `name: CI
on: [push, pull_request]
permissions: { contents: read }
jobs:
  unit:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with: { node-version: 20 }
      - name: Cache node_modules
        uses: actions/cache@v4
        with: { path: node_modules, key: "modules-\${{ runner.os }}-\${{ hashFiles('package-lock.json') }}" }
      - name: Cache turbo
        uses: actions/cache@v4
        with: { path: .turbo, key: "turbo-\${{ runner.os }}-\${{ github.run_id }}" }
      - name: Install dependencies
        run: npm ci
      - name: Build packages
        run: npx turbo run build
      - name: Run unit tests
        run: npx jest --ci --coverage --verbose
      - name: Upload coverage to Codecov
        uses: codecov/codecov-action@v5
        with: { files: ./coverage/lcov.info, fail_ci_if_error: false, token: "\${{ secrets.CODECOV_TOKEN }}" }
  e2e:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with: { node-version: 20 }
      - name: Cache node_modules
        uses: actions/cache@v4
        with: { path: node_modules, key: "modules-\${{ runner.os }}-\${{ hashFiles('package-lock.json') }}" }
      - name: Install dependencies
        run: npm ci
      - name: Install Playwright browsers
        run: npx playwright install --with-deps chromium firefox
      - name: Run e2e tests
        run: npx playwright test --reporter=list
  image-api:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Set up Docker Buildx
        uses: docker/setup-buildx-action@v3
      - name: Build image
        uses: docker/build-push-action@v6
        with: { context: ., file: apps/api/Dockerfile, tags: "ghcr.io/acme/storefront-api:ci", cache-from: "type=gha,scope=api" }
  image-web:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: Set up Docker Buildx
        uses: docker/setup-buildx-action@v3
      - name: Build image
        uses: docker/build-push-action@v6
        with:
          { context: ., file: apps/web/Dockerfile, tags: "ghcr.io/acme/storefront-web:ci", cache-from: "type=gha,scope=web", cache-to: "type=gha,scope=web,mode=max" }
`;
