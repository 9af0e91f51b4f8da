import rule from '../../../engine/src/rules/dockerfile/pin-package-versions';
import { ruleTester } from '../../lib/rule-tester';
import { source } from '../../lib/yaml-tag';

const run = (command: string) => `FROM debian:12\nRUN ${command}\n`;

ruleTester(rule, {
  valid: [
    // apt (DL3008): =version, a release, a .deb file; options with a value are not packages.
    run('apt-get update && apt-get install -y --no-install-recommends python3=3.11.2-1 curl=7.88.1-10'),
    run('apt-get install -y ./wkhtmltox_0.12.5-1.bionic_amd64.deb'),
    run('apt-get install -y -t bookworm-backports -o Dpkg::Options::=--force-confold git/bookworm-backports'),
    run('apt-get install -y "$PACKAGES" ${EXTRA}'),
    // apk (DL3018)
    run('apk add --no-cache flex=2.6.4-r1 git~2.52 git=~2.52 mypackage-1.1.1.apk'),
    run('apk add --no-cache --virtual .build-deps gcc=13.2.1-r0'),
    // pip (DL3013)
    run('pip install --no-cache-dir MySQL_python==1.2.2 "alabaster>=0.7" "b<1" "c!=2" d~=1.2 e===1.0 pkg.whl pkg.tar.gz ./local/dir'),
    run('pip install -r requirements.txt'),
    run('pip install --requirement=requirements.txt extra'),
    run('pip install .'),
    run('pip install pykafka -c constraints.txt'),
    run('python3 -m pip install --prefix /opt/x --trusted-host host example==1.2.2'),
    run('pip install git+https://github.com/org/repo@v1.2#egg=repo'),
    run('pipenv install black'),
    run('pipx install --python "$(which python)" "poetry==1.8.5"'),
    // npm (DL3016)
    run('npm install'),
    run('npm ci'),
    run('npm install --progress=false'),
    run('npm install -g express@4.1.1 @myorg/private@">=0.1.0 <0.2.0" sax@0.1.1 pkg-1.2.3.tgz ./folder ~/folder'),
    run('npm install --loglevel verbose --registry https://example.com sax@0.1.1 git+https://github.com/npm/npm.git#v1.0'),
    // gem (DL3028)
    run('gem install bundler:2.0.1 -- --use-system-libraries=true'),
    run('gem install bundler:2.0.1 --use-system-libraries true'),
    run("gem install bundler -v '2.0.1'"),
    run('gem i rails --version=7.1.0'),
    // go (DL3062)
    run('go install example.com/pkg@v1.2.3 ./cmd/app /go/app .'),
    run('go run example.com/pkg@v1.2.3 --foo bar'),
    run('go get -tool foobar@v1.2.3'),
    // yum (DL3033), dnf (DL3041), zypper (DL3037)
    run('yum install -y tomcat-9.2 openssl-1:1.1.1k rpm-sign-4.16.1.3 gcc-c++-1.1.1 && yum clean all'),
    run('yum module install -y tomcat:9'),
    run('microdnf install -y tomcat-9.0.1 && dnf install -y ./local.rpm'),
    run('dnf -y group install "Development Tools"'),
    'FROM fedora:42\nENV version=2.51.0-2.fc42\nRUN yum -y install git-core-${version} && dnf install -y "tig-$TIG"\nARG TIG\n',
    run('zypper install -y tomcat=9.0.39 tomcat\\>=9.0 tomcat-9.0.39-1.rpm && zypper clean'),
    // Not a package manager's install.
    run('notdnf install tomcat && pip download requests && npm run build && apt-get remove -y curl'),
  ],
  invalid: [
    {
      name: 'one problem per unpinned package, with its code',
      code: source`
        FROM debian:12
        RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10 python3 \
            && rm -rf /var/lib/apt/lists/*
        RUN apk add --no-cache flex
        RUN pip install --no-cache-dir requests flask==3.0.0 && python -m pip install --root-user-action=ignore mypkg
        RUN npm install -g express @myorg/private git+ssh://git@github.com:npm/npm.git sax@0.1.1
        RUN gem install bundler:1 nokogiri && gem i rails
        RUN go install example.com/pkg@latest && go get example.com/other && go run example.com/tool arg
        RUN yum install -y tomcat && yum module install -y nodejs && dnf install -y rpm-sign && microdnf module install -y ruby
        RUN zypper in -y tomcat
      `,
      errors: [
        { line: 2, column: 81, endColumn: 88, code: 'DL3008', message: '`python3` is installed without a version: pin it, e.g. `apt-get install <package>=<version>`.' },
        { line: 4, column: 24, code: 'DL3018', message: '`flex` is installed without a version: pin it, e.g. `apk add <package>=<version>`.' },
        { line: 5, column: 32, code: 'DL3013', message: '`requests` is installed without a version: pin it, e.g. `pip install <package>==<version>` or `pip install -r requirements.txt`.' },
        { line: 5, column: 105, code: 'DL3013' },
        { line: 6, column: 20, code: 'DL3016', message: '`express` is installed without a version: pin it, e.g. `npm install <package>@<version>` (or `npm ci` with a lock file).' },
        { line: 6, column: 28, code: 'DL3016' },
        { line: 6, column: 43, code: 'DL3016' },
        { line: 7, column: 27, code: 'DL3028', message: '`nokogiri` is installed without a version: pin it, e.g. `gem install <gem>:<version>` (or `-v <version>`).' },
        { line: 7, column: 45, code: 'DL3028' },
        { line: 8, column: 16, code: 'DL3062', message: '`example.com/pkg@latest` is installed without a version: pin it, e.g. `go install <package>@<version>`.' },
        { line: 8, column: 49, code: 'DL3062' },
        { line: 8, column: 77, code: 'DL3062' },
        { line: 9, column: 20, code: 'DL3033', message: '`tomcat` is installed without a version: pin it, e.g. `yum install <package>-<version>`.' },
        { line: 9, column: 52, code: 'DL3033', message: '`nodejs` is installed without a version: pin it, e.g. `yum module install <module>:<stream>`.' },
        { line: 9, column: 77, code: 'DL3041', message: '`rpm-sign` is installed without a version: pin it, e.g. `dnf install <package>-<version>`.' },
        { line: 9, column: 116, code: 'DL3041' },
        { line: 10, column: 18, code: 'DL3037', message: '`tomcat` is installed without a version: pin it, e.g. `zypper install <package>=<version>`.' },
      ],
    },
    {
      name: 'fixes from the build context\'s lock files: requirements.txt, package-lock.json, Gemfile.lock, go.mod',
      code: source`
        FROM debian:12
        RUN pip install --no-cache-dir Flask_Login gunicorn[gevent] "quoted" unknown
        RUN npm install -g @scope/tool typescript && gem install rails && go install golang.org/x/tools/cmd/goimports@latest
        RUN apt-get install -y curl
      `,
      files: {
        'requirements.txt': 'flask-login==0.6.3  # auth\ngunicorn>=22\n',
        'poetry.lock': '[[package]]\nname = "gunicorn"\nversion = "22.0.0"\n',
        'package-lock.json': JSON.stringify({ lockfileVersion: 3, packages: { '': {}, 'node_modules/@scope/tool': { version: '1.4.0' }, 'node_modules/typescript': { version: '5.9.3' }, 'node_modules/a/node_modules/typescript': { version: '4.0.0' } } }),
        'Gemfile.lock': 'GEM\n  specs:\n    rails (7.1.3)\n      actionpack (= 7.1.3)\n',
        'go.mod': 'module example.com/app\n\ngo 1.22\n\nrequire (\n\tgolang.org/x/tools v0.24.0\n)\n',
      },
      errors: [
        { line: 2, column: 32, code: 'DL3013', fixes: ['Pin to 0.6.3, the version of requirements.txt'] },
        { line: 2, column: 44, code: 'DL3013', fixes: ['Pin to 22.0.0, the version of poetry.lock'] },
        { line: 2, column: 61, code: 'DL3013', fixes: [] },
        { line: 2, column: 70, code: 'DL3013', fixes: [] },
        { line: 3, column: 20, code: 'DL3016', fixes: ['Pin to 1.4.0, the version of package-lock.json'] },
        { line: 3, column: 32, code: 'DL3016', fixes: ['Pin to 5.9.3, the version of package-lock.json'] },
        { line: 3, column: 58, code: 'DL3028', fixes: ['Pin to 7.1.3, the version of Gemfile.lock'] },
        { line: 3, column: 78, code: 'DL3062', fixes: ['Pin to v0.24.0, the version of go.mod'] },
        { line: 4, column: 24, code: 'DL3008', fixes: [] },
      ],
      output: source`
        FROM debian:12
        RUN pip install --no-cache-dir Flask_Login==0.6.3 gunicorn[gevent]==22.0.0 "quoted" unknown
        RUN npm install -g @scope/tool@1.4.0 typescript@5.9.3 && gem install rails:7.1.3 && go install golang.org/x/tools/cmd/goimports@v0.24.0
        RUN apt-get install -y curl
      `,
    },
    {
      name: 'yum/dnf: a variable set only in another stage is not a version',
      code: 'FROM fedora:42 AS build\nENV version=2.51.0-2.fc42\nFROM fedora:42\nRUN yum -y install git-core-${version}\n',
      errors: [{ line: 4, column: 20, code: 'DL3033', message: '`git-core-${version}` is installed without a version: pin it, e.g. `yum install <package>-<version>`.' }],
    },
    {
      name: 'ONBUILD RUN is checked; # hadolint ignore= names one manager\'s code',
      code: source`
        FROM debian:12
        ONBUILD RUN apt-get install -y curl
        # hadolint ignore=DL3008
        RUN apt-get install -y wget && pip install requests
      `,
      errors: [
        { line: 2, column: 32, code: 'DL3008' },
        { line: 4, column: 44, code: 'DL3013' },
      ],
    },
  ],
});
