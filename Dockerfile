# The kubesim image the Indexed Job of `kubesim bench --emit-job` runs
# (docs/distributed.md): Node.js 24 (the current LTS line) and the kubesim
# command on the PATH.
# Not built in CI.
FROM node:24-bookworm-slim
WORKDIR /opt/kubesim
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY bin ./bin
COPY src ./src
COPY bench ./bench
COPY scripts ./scripts
COPY scenarios ./scenarios
COPY docs ./docs
RUN npm ci --no-audit --no-fund && npm prune --omit=dev && ln -s /opt/kubesim/bin/kubesim.js /usr/local/bin/kubesim
WORKDIR /work
ENTRYPOINT []
