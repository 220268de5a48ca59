//! The tool's file-system side: reading the previous publication back, and replacing the
//! endpoint folder so that readers only ever see the old or the new publication, never a mix.
//!
//! The new files go to a temporary sibling folder (`.<name>.tmp-<pid>`), which is renamed into
//! place once complete. Replacing an existing folder takes two renames (old aside, new in); if
//! the process dies between them, the next run moves the old folder back before doing anything
//! else ([`recover`]). An interrupted run otherwise leaves at most a temporary folder behind,
//! which the next run removes.

use super::endpoint::{Previous, GEOMETRY};
use wegwijzer_core::dataset::{parse_index, verify_file, Dataset};
use wegwijzer_core::model::{COLLECTIONS, SOURCES};
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

/// Reads and verifies an endpoint folder exactly as the app would.
pub fn read_previous(dir: &Path) -> Result<Previous, String> {
    let read = |file: &str| fs::read(dir.join(file)).map_err(|e| format!("{}: {e}", dir.join(file).display()));
    let index = parse_index(&read("index.json")?).map_err(|e| e.to_string())?;
    let mut files = HashMap::new();
    for name in COLLECTIONS.into_iter().chain(index.collections.contains_key(SOURCES).then_some(SOURCES)) {
        files.insert(name.to_string(), read(&index.collections[name].file)?);
    }
    let dataset = Dataset::from_files(index.clone(), &files).and_then(Dataset::require_complete).map_err(|e| e.to_string())?;
    if let Some(entry) = index.collections.get(GEOMETRY) {
        let bytes = read(&entry.file)?;
        verify_file(entry, &bytes).map_err(|e| e.to_string())?;
        files.insert(GEOMETRY.to_string(), bytes);
    }
    Ok(Previous { index, dataset, files })
}

fn parts(out: &Path) -> Result<(PathBuf, String), String> {
    let name = out
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| format!("{}: not a folder name", out.display()))?
        .to_string();
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    Ok((parent, name))
}

fn pid_alive(pid: &str) -> bool {
    // Linux: a running process has /proc/<pid>. Elsewhere assume it is alive (keep its folder).
    if Path::new("/proc/self").exists() {
        Path::new("/proc").join(pid).exists()
    } else {
        true
    }
}

/// Repairs what an interrupted earlier run left: puts the old endpoint back if it was moved aside
/// and never replaced, and removes temporary folders of runs that are no longer running.
/// Returns what it did, for the report.
pub fn recover(out: &Path) -> Result<Vec<String>, String> {
    let (parent, name) = parts(out)?;
    let mut done = Vec::new();
    let Ok(entries) = fs::read_dir(&parent) else { return Ok(done) };
    let (tmp_prefix, old_prefix) = (format!(".{name}.tmp-"), format!(".{name}.old-"));
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().to_string();
        if let Some(pid) = file_name.strip_prefix(&old_prefix) {
            if !out.exists() && !pid_alive(pid) {
                fs::rename(entry.path(), out).map_err(|e| format!("{}: {e}", entry.path().display()))?;
                done.push(format!("{} → {}", entry.path().display(), out.display()));
            } else if out.exists() && !pid_alive(pid) {
                let _ = fs::remove_dir_all(entry.path());
                done.push(format!("- {}", entry.path().display()));
            }
        } else if let Some(pid) = file_name.strip_prefix(&tmp_prefix) {
            if !pid_alive(pid) {
                let _ = fs::remove_dir_all(entry.path());
                done.push(format!("- {}", entry.path().display()));
            }
        }
    }
    Ok(done)
}

/// Checks before any work that the output folder's parent can be created and written in,
/// so a wrong `--out` is reported as such and not as a failed write at the end.
pub fn check_output(out: &Path) -> std::io::Result<()> {
    let (parent, name) = parts(out).map_err(std::io::Error::other)?;
    fs::create_dir_all(&parent)?;
    let probe = parent.join(format!(".{name}.probe-{}", std::process::id()));
    fs::create_dir(&probe)?;
    fs::remove_dir(&probe)
}

/// Files of the current endpoint that the new publication does not write: earlier delta files,
/// files a host needs (`_headers`, `.htaccess`) and previous content-addressed collections, so a
/// client that read the old `index.json` a moment ago can still fetch what it lists.
pub fn carry_over(out: &Path, new_files: &[(String, Vec<u8>)]) -> Vec<(String, Vec<u8>)> {
    let mut found = Vec::new();
    let written: std::collections::HashSet<&str> = new_files.iter().map(|(n, _)| n.as_str()).collect();
    let mut stack = vec![(out.to_path_buf(), String::new())];
    while let Some((dir, prefix)) = stack.pop() {
        let Ok(entries) = fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
            let path = entry.path();
            if path.is_dir() {
                stack.push((path, format!("{name}/")));
            } else if !written.contains(name.as_str()) && !name.starts_with("open-data/") {
                if let Ok(bytes) = fs::read(&path) {
                    found.push((name, bytes));
                }
            }
        }
    }
    found.sort();
    found
}

/// Writes `files` (relative paths, `/` for sub-folders) as the folder `out`, replacing what is
/// there only once everything is written. `fail_after` makes the write fail after that many
/// files, so tests can check what an interrupted run leaves behind.
pub fn write_endpoint(out: &Path, files: &[(String, Vec<u8>)], fail_after: Option<usize>) -> Result<(), String> {
    let (parent, name) = parts(out)?;
    fs::create_dir_all(&parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    let pid = std::process::id();
    let tmp = parent.join(format!(".{name}.tmp-{pid}"));
    let old = parent.join(format!(".{name}.old-{pid}"));
    let _ = fs::remove_dir_all(&tmp);
    let write_all = || -> Result<(), String> {
        fs::create_dir(&tmp).map_err(|e| format!("{}: {e}", tmp.display()))?;
        for (n, (file, bytes)) in files.iter().enumerate() {
            if fail_after == Some(n) {
                return Err(format!("{}: interrupted (test)", tmp.display()));
            }
            if !wegwijzer_core::dataset::is_plain_file_name(file) {
                return Err(format!("{file:?} is not a plain file name"));
            }
            let path = tmp.join(file);
            if let Some(dir) = path.parent() {
                fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            }
            fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
        }
        // Make sure the bytes are on disk before the folder becomes visible under its name.
        if let Ok(f) = fs::File::open(tmp.join("index.json")) {
            let _ = f.sync_all();
        }
        Ok(())
    };
    if let Err(e) = write_all() {
        let _ = fs::remove_dir_all(&tmp);
        return Err(e);
    }
    if out.exists() {
        let _ = fs::remove_dir_all(&old);
        if let Err(e) = fs::rename(out, &old) {
            let _ = fs::remove_dir_all(&tmp);
            return Err(format!("moving the old {} aside: {e}", out.display()));
        }
        if let Err(e) = fs::rename(&tmp, out) {
            let _ = fs::rename(&old, out);
            let _ = fs::remove_dir_all(&tmp);
            return Err(format!("{}: {e}", out.display()));
        }
        fs::remove_dir_all(&old).map_err(|e| format!("{}: {e}", old.display()))?;
    } else {
        fs::rename(&tmp, out).map_err(|e| {
            let _ = fs::remove_dir_all(&tmp);
            format!("{}: {e}", out.display())
        })?;
    }
    Ok(())
}
