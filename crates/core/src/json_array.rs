//! A JSON array written a few items at a time, so that a caller on the browser's main thread can
//! let it paint and handle input between steps: the app stores its copy of 10,000 initiatives
//! this way (`src/store.rs`). The text is exactly `serde_json::to_string` of the whole slice.
//!
//! ```
//! use wegwijzer_core::json_array::JsonArrayWriter;
//! let numbers = [1, 2, 3];
//! let mut writer = JsonArrayWriter::new(&numbers);
//! while !writer.step(2).unwrap() { /* yield to the browser */ }
//! assert_eq!(writer.finish().unwrap(), "[1,2,3]");
//! ```

use serde::Serialize;

pub struct JsonArrayWriter<'a, T> {
    items: &'a [T],
    next: usize,
    text: Vec<u8>,
}

impl<'a, T: Serialize> JsonArrayWriter<'a, T> {
    pub fn new(items: &'a [T]) -> Self {
        JsonArrayWriter { items, next: 0, text: vec![b'['] }
    }

    /// Writes up to `count` more items; true once all are written. Errors as `serde_json`'s.
    pub fn step(&mut self, count: usize) -> Result<bool, serde_json::Error> {
        let end = self.next.saturating_add(count).min(self.items.len());
        for item in &self.items[self.next..end] {
            if self.text.len() > 1 {
                self.text.push(b',');
            }
            serde_json::to_writer(&mut self.text, item)?;
        }
        self.next = end;
        Ok(self.next == self.items.len())
    }

    /// The whole array's text (items not written yet are written now).
    pub fn finish(mut self) -> Result<String, serde_json::Error> {
        while !self.step(usize::MAX)? {}
        self.text.push(b']');
        // serde_json writes UTF-8 only.
        Ok(String::from_utf8(self.text).expect("serde_json writes UTF-8"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_in_steps_it_is_the_text_of_the_whole() {
        #[derive(Serialize)]
        struct Item {
            id: String,
            tags: Vec<&'static str>,
            note: Option<String>,
        }
        let items: Vec<Item> = (0..23)
            .map(|i| Item { id: format!("x-{i}\u{e9}\"q"), tags: vec!["a", "b"], note: (i % 3 == 0).then(|| "<n>".into()) })
            .collect();
        for count in [1, 2, 5, 23, 100] {
            let mut writer = JsonArrayWriter::new(&items);
            let mut steps = 1;
            while !writer.step(count).unwrap() {
                steps += 1;
            }
            assert_eq!(steps, items.len().div_ceil(count), "{count}");
            assert_eq!(writer.finish().unwrap(), serde_json::to_string(&items).unwrap(), "{count}");
        }
        let none: [u8; 0] = [];
        assert_eq!(JsonArrayWriter::new(&none).finish().unwrap(), "[]");
    }
}
