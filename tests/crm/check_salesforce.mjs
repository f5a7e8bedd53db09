// Reads an Accord Salesforce project with Salesforce's own library, as `sf project deploy` does.
//
// Usage: node check_salesforce.mjs DIR [DIR ...]
//
// For each folder: sfdx-project.json names a package directory that exists; every XML file is
// well-formed; @salesforce/source-deploy-retrieve resolves the source into components, and
// every member of manifest/package.xml is one of them (and every component is in the
// manifest). Exit 1 naming the folder and what is wrong.
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { ComponentSet } from '@salesforce/source-deploy-retrieve';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

function files(folder) {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

function fail(folder, message) {
  console.error(`${folder}: ${message}`);
  process.exit(1);
}

let components = 0;
for (const folder of process.argv.slice(2)) {
  const project = JSON.parse(readFileSync(join(folder, 'sfdx-project.json'), 'utf8'));
  const directories = project.packageDirectories ?? [];
  if (directories.length === 0) fail(folder, 'sfdx-project.json names no package directory');
  for (const directory of directories) {
    if (!existsSync(join(folder, directory.path))) fail(folder, `no folder ${directory.path}`);
  }
  if (!/^\d+\.0$/.test(project.sourceApiVersion ?? '')) fail(folder, 'sourceApiVersion is not an API version');

  for (const path of files(folder).filter((p) => p.endsWith('.xml'))) {
    const verdict = XMLValidator.validate(readFileSync(path, 'utf8'));
    if (verdict !== true) fail(folder, `${path}: ${verdict.err.msg} (line ${verdict.err.line})`);
  }

  const source = ComponentSet.fromSource(directories.map((d) => join(folder, d.path)));
  const resolved = source.getSourceComponents().toArray();
  if (resolved.length === 0) fail(folder, 'no component found in the source');

  const manifest = new XMLParser({ parseTagValue: false, isArray: (name) => name === 'types' || name === 'members' })
    .parse(readFileSync(join(folder, 'manifest', 'package.xml'), 'utf8')).Package;
  const members = manifest.types.flatMap((t) => t.members.map((m) => ({ type: t.name, fullName: String(m) })));
  for (const member of members) {
    if (!source.has({ fullName: member.fullName, type: member.type.toLowerCase() }) &&
        !source.has({ fullName: member.fullName, type: member.type })) {
      fail(folder, `manifest member ${member.type} ${member.fullName} is not found as a component`);
    }
  }
  // The manifest as Salesforce's library reads it names the same components.
  const fromManifest = await ComponentSet.fromManifest({
    manifestPath: join(folder, 'manifest', 'package.xml'),
    resolveSourcePaths: directories.map((d) => join(folder, d.path)),
  });
  if (fromManifest.getSourceComponents().toArray().length !== members.length) {
    fail(folder, `the manifest resolves to ${fromManifest.getSourceComponents().toArray().length} components, not ${members.length}`);
  }
  for (const component of resolved) {
    const named = members.some((m) => m.fullName === component.fullName && m.type === component.type.name);
    if (!named) fail(folder, `component ${component.type.name} ${component.fullName} is missing from the manifest`);
  }
  if (String(manifest.version) !== String(project.sourceApiVersion)) {
    fail(folder, `the manifest's version ${manifest.version} is not the project's ${project.sourceApiVersion}`);
  }
  components += resolved.length;
}
console.log(`${components} components resolved by @salesforce/source-deploy-retrieve`);
