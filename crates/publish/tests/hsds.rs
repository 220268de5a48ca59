//! Host tests of the HSDS 3.0 export and import (`crates/publish/src/hsds/`): the bundled
//! sample, exported, is valid against the HSDS JSON schemas (fixtures/hsds/, from Open
//! Referral, CC BY-SA 4.0) in both forms, and the tabular package reads back to the same
//! initiatives (in Dutch: HSDS has one language per record).

use serde_json::{Map, Value};
use std::collections::HashMap;
use std::path::PathBuf;
use wegwijzer_core::dataset::Dataset;
use wegwijzer_core::model::{Initiative, Text};
use wegwijzer_publish::hsds::{self, import, tables, terms};
use wegwijzer_publish::{csv, fsio};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn sample() -> Dataset {
    fsio::read_previous(&root().join("../../public/data/v1")).expect("the sample endpoint loads").dataset
}

fn schema(name: &str) -> Value {
    serde_json::from_slice(&std::fs::read(root().join("tests/fixtures/hsds").join(name)).unwrap()).unwrap()
}

fn validator(schema: &Value) -> jsonschema::Validator {
    jsonschema::options().should_validate_formats(true).build(schema).expect("the HSDS schema compiles")
}

fn errors(v: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    v.iter_errors(instance).map(|e| format!("{} at {}", e, e.instance_path())).collect()
}

#[test]
fn services_json_is_valid_hsds() {
    let d = sample();
    let t = tables(&terms(&d.categories, &d.audiences), &d.municipalities, &d.initiatives);
    let services = hsds::services_json(&t);
    let v = validator(&schema("service_with_definitions.json"));
    let all = services.as_array().unwrap();
    assert_eq!(all.len(), d.initiatives.len());
    for s in all {
        let e = errors(&v, s);
        assert!(e.is_empty(), "{}: {}", s["name"], e.join("\n"));
    }
    // The validator does reject what HSDS forbids (so the loop above can fail).
    let mut bad = all[0].clone();
    bad["status"] = "open".into();
    bad["id"] = "demo-00001".into();
    assert_eq!(errors(&v, &bad).len(), 2, "{:?}", errors(&v, &bad));
    // Nested objects are there: hours, languages, areas, the location with its address.
    let with_all = all.iter().find(|s| s["schedules"].as_array().is_some_and(|a| a.len() > 1) && s["languages"].as_array().is_some_and(|a| a.len() > 1)).unwrap();
    let location = &with_all["service_at_locations"][0]["location"];
    assert_eq!(location["addresses"][0]["country"], "BE");
    assert!(location["latitude"].is_number());
    assert_eq!(with_all["schedules"][0]["freq"], "WEEKLY");
    assert!(with_all["service_areas"].as_array().unwrap().iter().all(|a| a["description"].as_str().unwrap().starts_with("NIS ")));
}

/// The tabular package as HSDS's tabular schema expects it: table name → rows as objects,
/// empty cells left out, numbers where the schema says number.
fn tabular_instance(files: &[(String, Vec<u8>)], schema: &Value) -> Value {
    let mut out = Map::new();
    for (name, bytes) in files.iter().filter(|(n, _)| n.ends_with(".csv")) {
        let file = name.rsplit('/').next().unwrap();
        let (table, def) = schema["properties"].as_object().unwrap().iter().find(|(_, d)| d["items"]["path"] == file).unwrap_or_else(|| panic!("{file} is not an HSDS table"));
        let parsed = csv::parse(bytes).unwrap();
        let props = def["items"]["properties"].as_object().unwrap();
        for h in &parsed.headers {
            assert!(props.contains_key(h), "{file}: column {h} is not in HSDS");
        }
        let rows: Vec<Value> = parsed
            .records
            .iter()
            .map(|r| {
                let obj: Map<String, Value> = parsed
                    .headers
                    .iter()
                    .zip(&r.fields)
                    .filter(|(_, v)| !v.is_empty())
                    .map(|(h, v)| {
                        let value = if props[h]["type"] == "number" { Value::from(v.parse::<f64>().unwrap()) } else { Value::from(v.as_str()) };
                        (h.clone(), value)
                    })
                    .collect();
                Value::Object(obj)
            })
            .collect();
        out.insert(table.clone(), rows.into());
    }
    Value::Object(out)
}

/// `tabular.json` refers to the per-table files (`"$ref": "phone.json"`) for nested arrays; the
/// same definitions are in `service_with_definitions.json`, so the references point there.
fn tabular_schema() -> Value {
    fn relink(v: &mut Value) {
        match v {
            Value::Object(m) => {
                if let Some(Value::String(r)) = m.get_mut("$ref") {
                    if let Some(name) = r.strip_suffix(".json") {
                        *r = format!("#/definitions/{name}");
                    }
                }
                m.values_mut().for_each(relink);
            }
            Value::Array(a) => a.iter_mut().for_each(relink),
            _ => {}
        }
    }
    let mut tabular = schema("tabular.json");
    relink(&mut tabular);
    tabular["definitions"] = schema("service_with_definitions.json")["definitions"].clone();
    tabular
}

#[test]
fn the_tabular_package_is_valid_hsds_and_reads_back() {
    let d = sample();
    let files = hsds::files(&terms(&d.categories, &d.audiences), &d.municipalities, &d.initiatives);
    let tabular = tabular_schema();
    let instance = tabular_instance(&files, &tabular);
    let e = errors(&validator(&tabular), &instance);
    assert!(e.is_empty(), "{}", e.iter().take(20).cloned().collect::<Vec<_>>().join("\n"));
    // Each table's tabular_required columns are filled in.
    for (table, rows) in instance.as_object().unwrap() {
        let def = &tabular["properties"][table]["items"];
        for req in def["tabular_required"].as_array().into_iter().flatten().chain(def["required"].as_array().into_iter().flatten()) {
            assert!(rows.as_array().unwrap().iter().all(|r| r.get(req.as_str().unwrap()).is_some()), "{table}.{req}");
        }
    }
    let package: Value = serde_json::from_slice(&files.iter().find(|(n, _)| n.ends_with("datapackage.json")).unwrap().1).unwrap();
    assert_eq!(package["resources"].as_array().unwrap().len(), files.iter().filter(|(n, _)| n.ends_with(".csv")).count());

    // Import: the same initiatives, with their texts in Dutch.
    let by_file: HashMap<String, Vec<u8>> = files.iter().filter(|(n, _)| n.contains("/tabular/")).map(|(n, b)| (n.rsplit('/').next().unwrap().to_string(), b.clone())).collect();
    let back = import::read(&by_file, &terms(&d.categories, &d.audiences)).unwrap();
    let dutch = |t: &Option<Text>| t.as_ref().map(|t| Text::nl(t.nl.clone()));
    let expected: Vec<Initiative> = d
        .initiatives
        .iter()
        .map(|i| {
            let mut i = i.clone();
            for t in [&mut i.description, &mut i.opening_hours_note, &mut i.eligibility, &mut i.cost, &mut i.how_to_apply, &mut i.alert] {
                *t = dutch(t);
            }
            if let Some(a) = &mut i.accessibility {
                a.note = dutch(&a.note);
            }
            i
        })
        .collect();
    assert_eq!(back.len(), expected.len());
    for (b, e) in back.iter().zip(&expected) {
        assert_eq!(b, e);
    }
}

#[test]
fn a_foreign_package_without_wegwijzer_notes_still_imports() {
    let d = sample();
    let one = d.initiatives.iter().find(|i| i.opening_hours.as_deref().is_some_and(|h| h.contains(",") && h.contains("PH off"))).unwrap();
    let files = hsds::files(&terms(&d.categories, &d.audiences), &d.municipalities, std::slice::from_ref(one));
    let mut by_file: HashMap<String, Vec<u8>> = files.iter().filter(|(n, _)| n.contains("/tabular/")).map(|(n, b)| (n.rsplit('/').next().unwrap().to_string(), b.clone())).collect();
    by_file.remove("organization_identifiers.csv");
    // Schedules with RRULE parts only: the hours are rebuilt from them.
    let schedules = String::from_utf8(by_file["schedules.csv"].clone()).unwrap();
    let stripped: String = schedules.lines().map(|l| l.split(",\"opening_hours: ").next().unwrap().to_string() + "\n").collect();
    by_file.insert("schedules.csv".into(), stripped.into_bytes());
    let back = import::read(&by_file, &terms(&d.categories, &d.audiences)).unwrap();
    assert_eq!(back[0].id, hsds::uuid("organization", &one.id));
    let original = wegwijzer_core::opening_hours::OpeningHours::parse(one.opening_hours.as_deref().unwrap()).unwrap();
    let rebuilt = back[0].opening_hours.as_deref().expect("hours rebuilt from the schedules");
    assert!(!rebuilt.contains("PH"), "{rebuilt}: holidays are not in RRULEs");
    let rebuilt = wegwijzer_core::opening_hours::OpeningHours::parse(rebuilt).unwrap();
    assert_eq!(rebuilt.regular_week(), original.regular_week(), "the ordinary week survives");
}
