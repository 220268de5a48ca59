//! A JSON array written a few items at a time, so that a caller on the browser's main thread can
//! let it paint and handle input between steps: the app stores its copy of 10,000 initiatives
//! this way (`src/store.rs`). The text is exactly `serde_json::to_string` of the whole slice;
//! [`JsonArrayWriter::take`] hands it out in parts as it is written, so that the whole text
//! never has to be in one piece.
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
        for (i, item) in self.items[self.next..end].iter().enumerate() {
            if self.next + i > 0 {
                self.text.push(b',');
            }
            serde_json::to_writer(&mut self.text, item)?;
        }
        self.next = end;
        Ok(self.next == self.items.len())
    }

    /// The text written since the last `take` (since the start, the first time): the parts,
    /// followed by what [`finish`](Self::finish) returns, make up the whole array's text.
    pub fn take(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.text)
    }

    /// The array's text from the last [`take`](Self::take) on (all of it without one); items not
    /// written yet are written now.
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

    #[test]
    fn taken_in_parts_it_is_still_the_text_of_the_whole() {
        let items: Vec<String> = (0..11).map(|i| format!("n\u{e9}{i}")).collect();
        let whole = serde_json::to_string(&items).unwrap();
        for count in [1, 3, 11, 50] {
            let mut writer = JsonArrayWriter::new(&items);
            let mut text = writer.take();
            assert_eq!(text, b"[", "the opening bracket is the first part");
            while !writer.step(count).unwrap() {
                let part = writer.take();
                assert!(!part.is_empty(), "{count}");
                text.extend(part);
            }
            text.extend(writer.take());
            assert!(writer.take().is_empty(), "a part is handed out once");
            text.extend(writer.finish().unwrap().into_bytes());
            assert_eq!(String::from_utf8(text).unwrap(), whole, "{count}");
        }
        let none: [u8; 0] = [];
        let mut writer = JsonArrayWriter::new(&none);
        let mut text = writer.take();
        text.extend(writer.finish().unwrap().into_bytes());
        assert_eq!(text, b"[]");
    }
}
