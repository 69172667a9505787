//! The files an ingest reads, in order, held in a few dozen bytes a file.
//!
//! Each file has two names: the path as the user named it (opened, and
//! shown in messages) and its key, the canonical path stored with its
//! article. Both are the file's folder joined with its name, so a folder
//! is kept once (its given and canonical paths) and a file is its folder's
//! number and its name in one shared buffer. Held as two `PathBuf`s and a
//! `String` a file, the list was what still grew with the corpus.
//!
//! Walking a folder takes the kind of each entry from the folder listing
//! itself (no `stat` of each file, which on a cold cache waited on the
//! disk file by file); only symlinks are followed with a `stat`.

use super::EXTENSIONS;
use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf, MAIN_SEPARATOR};

/// Files in order, each readable by index.
#[derive(Debug, Default)]
pub struct FileList {
    folders: Vec<Folder>,
    /// Every kept name, one after another.
    names: String,
    /// For file `i`: its folder, and where its name ends in `names` (it
    /// starts where the previous file's ends).
    entries: Vec<(u32, u32)>,
    /// Files whose name is not UTF-8, or whose key is not their folder's
    /// joined with their name (symlinks): both names in full.
    apart: HashMap<u32, (PathBuf, String)>,
    /// Files of folders walked that are not articles, by extension ("pdf",
    /// or "" for none); hidden files are not counted.
    skipped: std::collections::BTreeMap<String, usize>,
}

#[derive(Debug)]
struct Folder {
    given: PathBuf,
    /// The folder's canonical path; `None` when it cannot be resolved (the
    /// key is then the given path).
    canon: Option<String>,
}

impl FileList {
    /// Files under `paths` (recursively for folders, those with a known
    /// extension; files named directly whatever their extension), sorted by
    /// path, without repeats; unreadable paths are reported, symlink loops
    /// are not followed.
    pub fn collect(paths: &[PathBuf]) -> (FileList, Vec<(String, String)>) {
        let mut list = FileList::default();
        let mut problems = Vec::new();
        let mut seen = HashSet::new();
        for p in paths {
            match std::fs::metadata(p) {
                Ok(m) if m.is_dir() => list.walk(p, &mut problems, &mut seen),
                Ok(_) => list.push_file(p),
                Err(e) => problems.push((p.display().to_string(), format!("cannot open: {e}"))),
            }
        }
        list.sort_and_dedup();
        (list, problems)
    }

    /// These files, as named, in this order (each file's key is worked out
    /// from it as for a file named on the command line).
    pub fn of(files: &[PathBuf]) -> FileList {
        let mut list = FileList::default();
        for f in files {
            list.push_file(f);
        }
        list
    }

    /// Files of the folders walked that are not articles, by extension
    /// ("" for none), hidden files left out.
    pub fn skipped(&self) -> impl Iterator<Item = (&str, usize)> + '_ {
        self.skipped.iter().map(|(e, n)| (e.as_str(), *n))
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// File `i`'s path as the user named it.
    pub fn path(&self, i: usize) -> PathBuf {
        if let Some((path, _)) = self.apart.get(&(i as u32)) {
            return path.clone();
        }
        let (folder, name) = self.folder_and_name(i);
        folder.given.join(name)
    }

    /// File `i`'s key: its canonical path.
    pub fn key(&self, i: usize) -> String {
        let (a, b, c) = self.key_parts(i);
        [a, b, c].concat()
    }

    /// Compare file `i`'s key with `key`, without building it.
    pub fn cmp_key(&self, i: usize, key: &str) -> Ordering {
        self.key_bytes(i).cmp(key.bytes())
    }

    /// Compare the keys of files `i` and `j`, without building them.
    pub fn cmp_keys(&self, i: usize, j: usize) -> Ordering {
        self.key_bytes(i).cmp(self.key_bytes(j))
    }

    /// File `i`'s key, byte by byte.
    fn key_bytes(&self, i: usize) -> impl Iterator<Item = u8> + '_ {
        let (a, b, c) = self.key_parts(i);
        a.bytes().chain(b.bytes()).chain(c.bytes())
    }

    /// File `i`'s key in three pieces to be joined.
    fn key_parts(&self, i: usize) -> (&str, &str, &str) {
        if let Some((_, key)) = self.apart.get(&(i as u32)) {
            return (key, "", "");
        }
        let (folder, name) = self.folder_and_name(i);
        match &folder.canon {
            Some(canon) if canon.ends_with(MAIN_SEPARATOR) => (canon, "", name),
            Some(canon) => (canon, SEPARATOR, name),
            // Not resolvable: the given path, as a file named directly
            // (a name kept here is UTF-8, and so is such a folder's path).
            None => (folder.given.to_str().unwrap_or(""), SEPARATOR, name),
        }
    }

    fn folder_and_name(&self, i: usize) -> (&Folder, &str) {
        let (folder, end) = self.entries[i];
        let start = if i == 0 { 0 } else { self.entries[i - 1].1 };
        (
            &self.folders[folder as usize],
            &self.names[start as usize..end as usize],
        )
    }

    fn push_folder(&mut self, given: &Path, canon: Option<String>) -> u32 {
        // Files named directly one after another in one folder share it.
        if let Some(last) = self.folders.last() {
            if last.given == given && last.canon == canon {
                return (self.folders.len() - 1) as u32;
            }
        }
        self.folders.push(Folder {
            given: given.to_path_buf(),
            canon,
        });
        (self.folders.len() - 1) as u32
    }

    /// Add a file in `folder`: under its name, or apart with its key.
    fn push_entry(&mut self, folder: u32, path: &Path, apart_key: Option<String>) {
        let i = self.entries.len() as u32;
        let name = path.file_name().and_then(|n| n.to_str());
        match (name, apart_key) {
            (Some(name), None) => self.names.push_str(name),
            (_, key) => {
                let key = key.unwrap_or_else(|| path.display().to_string());
                self.apart.insert(i, (path.to_path_buf(), key));
            }
        }
        self.entries.push((folder, self.names.len() as u32));
    }

    /// A file named directly: its folder is resolved, and the file itself
    /// when it is a symlink.
    fn push_file(&mut self, f: &Path) {
        let parent = f
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let plain = std::fs::symlink_metadata(f).is_ok_and(|m| !m.file_type().is_symlink());
        let canon = canonical(parent);
        let apart = match (&canon, plain, f.file_name()) {
            (Some(_), true, Some(_)) => None,
            _ => Some(path_key(f)),
        };
        let folder = self.push_folder(parent, canon);
        self.push_entry(folder, f, apart);
    }

    fn walk(&mut self, dir: &Path, problems: &mut Vec<(String, String)>, seen: &mut HashSet<PathBuf>) {
        let canon = match std::fs::canonicalize(dir) {
            Ok(c) => c,
            Err(e) => {
                problems.push((dir.display().to_string(), format!("cannot open folder: {e}")));
                return;
            }
        };
        if !seen.insert(canon.clone()) {
            return; // a symlink loop or a folder reached twice
        }
        let entries = match std::fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) => {
                problems.push((dir.display().to_string(), format!("cannot read folder: {e}")));
                return;
            }
        };
        let mut entries: Vec<(PathBuf, Option<std::fs::FileType>)> = entries
            .filter_map(|e| e.ok().map(|e| (e.path(), e.file_type().ok())))
            .collect();
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        let canon = Some(canon.display().to_string());
        let mut folder = None;
        for (p, kind) in entries {
            // A symlink (or an entry of unknown kind) is followed.
            let (is_dir, linked) = match kind {
                Some(k) if k.is_dir() => (true, false),
                Some(k) if k.is_file() => (false, false),
                _ => match std::fs::metadata(&p) {
                    Ok(m) => (m.is_dir(), true),
                    Err(e) => {
                        problems.push((p.display().to_string(), format!("cannot open: {e}")));
                        continue;
                    }
                },
            };
            if is_dir {
                self.walk(&p, problems, seen);
                // Files after a subfolder's go under this folder again.
                folder = None;
                continue;
            }
            let ext = p.extension().and_then(|e| e.to_str()).map(|e| e.to_ascii_lowercase());
            if !ext.as_deref().is_some_and(|e| EXTENSIONS.contains(&e)) {
                let name = p.file_name().and_then(|n| n.to_str());
                // Hidden files, and the folder's corrections (read apart).
                let hidden = name.is_some_and(|n| n.starts_with('.') || n == crate::corrections::FILE_NAME);
                if !hidden {
                    *self.skipped.entry(ext.unwrap_or_default()).or_default() += 1;
                }
                continue;
            }
            let f = *folder.get_or_insert_with(|| self.push_folder(dir, canon.clone()));
            self.push_entry(f, &p, linked.then(|| path_key(&p)));
        }
    }

    /// Sorted by path as the user named it, repeats dropped. A single folder
    /// walked is in order already; files from several paths may not be.
    fn sort_and_dedup(&mut self) {
        let n = self.len();
        let cmp = |a: usize, b: usize| {
            let plain = |i: usize| !self.apart.contains_key(&(i as u32));
            if self.entries[a].0 == self.entries[b].0 && plain(a) && plain(b) {
                // One folder: paths compare as their last component.
                self.folder_and_name(a).1.cmp(self.folder_and_name(b).1)
            } else {
                self.path(a).cmp(&self.path(b))
            }
        };
        let sorted = (1..n).all(|i| cmp(i - 1, i) == Ordering::Less);
        if sorted {
            return;
        }
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by(|&a, &b| cmp(a, b));
        order.dedup_by(|b, a| cmp(*a, *b) == Ordering::Equal);
        let mut out = FileList {
            folders: Vec::new(),
            names: String::new(),
            entries: Vec::with_capacity(order.len()),
            apart: HashMap::new(),
            skipped: std::mem::take(&mut self.skipped),
        };
        let mut folder_map: HashMap<u32, u32> = HashMap::new();
        for i in order {
            let (folder_ix, _) = self.entries[i];
            let folder = &self.folders[folder_ix as usize];
            let f = *folder_map.entry(folder_ix).or_insert_with(|| {
                out.folders.push(Folder {
                    given: folder.given.clone(),
                    canon: folder.canon.clone(),
                });
                (out.folders.len() - 1) as u32
            });
            match self.apart.get(&(i as u32)) {
                Some(both) => {
                    out.apart.insert(out.entries.len() as u32, both.clone());
                }
                None => out.names.push_str(self.folder_and_name(i).1),
            }
            out.entries.push((f, out.names.len() as u32));
        }
        *self = out;
    }
}

const SEPARATOR: &str = if MAIN_SEPARATOR == '/' { "/" } else { "\\" };

fn canonical(dir: &Path) -> Option<String> {
    std::fs::canonicalize(dir).ok().map(|c| c.display().to_string())
}

/// The key of a file resolved whole: its canonical path, or the path given
/// when it cannot be resolved.
pub fn path_key(p: &Path) -> String {
    std::fs::canonicalize(p)
        .unwrap_or_else(|_| p.to_path_buf())
        .display()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(p: &Path) {
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, " date 2025-01-01\nText.\n").unwrap();
    }

    fn all(list: &FileList) -> Vec<(PathBuf, String)> {
        (0..list.len()).map(|i| (list.path(i), list.key(i))).collect()
    }

    /// Walked files come sorted as paths (a subfolder's files at the
    /// subfolder's place), with keys that are their canonical paths, and
    /// only known extensions.
    #[test]
    fn a_walk_lists_known_files_in_path_order_with_canonical_keys() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("corpus");
        for f in [
            "b.txt",
            "a/z.md",
            "a.txt",
            "a-1.txt",
            "c/d/e.html",
            "skip.pdf",
            "C.jsonl",
        ] {
            touch(&root.join(f));
        }
        let (list, problems) = FileList::collect(std::slice::from_ref(&root));
        assert!(problems.is_empty());
        let got = all(&list);
        let mut want: Vec<PathBuf> = ["b.txt", "a/z.md", "a.txt", "a-1.txt", "c/d/e.html", "C.jsonl"]
            .iter()
            .map(|f| root.join(f))
            .collect();
        want.sort();
        assert_eq!(got.iter().map(|g| g.0.clone()).collect::<Vec<_>>(), want);
        for (path, key) in &got {
            assert_eq!(key, &path_key(path));
        }
        // Keys compare as the strings they stand for.
        for i in 0..list.len() {
            for j in 0..list.len() {
                assert_eq!(list.cmp_keys(i, j), list.key(i).cmp(&list.key(j)));
                assert_eq!(list.cmp_key(i, &list.key(j)), list.key(i).cmp(&list.key(j)));
            }
        }
    }

    /// Several paths, overlapping and out of order: one sorted list, each
    /// file once; a missing path is a problem and the rest goes on.
    #[test]
    fn files_that_are_not_articles_are_counted_by_extension() {
        let dir = tempfile::tempdir().expect("dir");
        let root = dir.path();
        for f in ["a.txt", "b.PDF", "c.pdf", "d/e.docx", "README", ".DS_Store", "f.md"] {
            touch(&root.join(f));
        }
        let (list, _) = FileList::collect(&[root.to_path_buf()]);
        assert_eq!(list.len(), 2);
        let skipped: Vec<(&str, usize)> = list.skipped().collect();
        assert_eq!(skipped, vec![("", 1), ("docx", 1), ("pdf", 2)]);
    }

    #[test]
    fn several_paths_give_one_sorted_list_without_repeats() {
        let dir = tempfile::tempdir().unwrap();
        let (x, y) = (dir.path().join("x"), dir.path().join("y"));
        touch(&x.join("1.txt"));
        touch(&y.join("2.txt"));
        touch(&y.join("3.txt"));
        let odd = y.join("notes.pdf");
        touch(&odd);
        let paths = vec![
            y.clone(),
            odd.clone(),
            x.join("1.txt"),
            x.clone(),
            dir.path().join("nope"),
        ];
        let (list, problems) = FileList::collect(&paths);
        assert_eq!(problems.len(), 1);
        assert!(problems[0].1.starts_with("cannot open: "));
        let got: Vec<PathBuf> = (0..list.len()).map(|i| list.path(i)).collect();
        assert_eq!(got, vec![x.join("1.txt"), y.join("2.txt"), y.join("3.txt"), odd]);
        for i in 0..list.len() {
            assert_eq!(list.key(i), path_key(&list.path(i)));
        }
    }

    /// A symlinked file is keyed by its target; a symlinked folder is walked
    /// once, however often it is reached.
    #[cfg(unix)]
    #[test]
    fn symlinks_are_followed_once_and_keyed_by_their_target() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("root");
        touch(&dir.path().join("elsewhere/real.txt"));
        touch(&root.join("own.txt"));
        std::os::unix::fs::symlink(dir.path().join("elsewhere/real.txt"), root.join("link.txt")).unwrap();
        std::os::unix::fs::symlink(&root, root.join("loop")).unwrap();
        let (list, problems) = FileList::collect(std::slice::from_ref(&root));
        assert!(problems.is_empty(), "{problems:?}");
        let got = all(&list);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0].0, root.join("link.txt"));
        assert_eq!(got[0].1, path_key(&dir.path().join("elsewhere/real.txt")));
        assert_eq!(got[1].0, root.join("own.txt"));
    }

    /// Files that do not exist are listed as named (the worker reports them).
    #[test]
    fn files_named_directly_keep_their_order() {
        let dir = tempfile::tempdir().unwrap();
        let files: Vec<PathBuf> = ["b.txt", "a.txt"].iter().map(|f| dir.path().join(f)).collect();
        let list = FileList::of(&files);
        assert_eq!((0..2).map(|i| list.path(i)).collect::<Vec<_>>(), files);
        assert_eq!(list.key(1), path_key(&dir.path().join("a.txt")));
    }
}
