//! The one typed fetch module: downloads `index.json` and the collection files of an endpoint
//! and hands the bytes to `dataset` for verification. Nothing is used before all of it checks out.

use crate::config::Endpoint;
use crate::dataset::{parse_index, Dataset, LoadError, MAX_INDEX_BYTES};
use crate::model::COLLECTIONS;
use gloo_net::http::Request;
use std::collections::HashMap;
use web_sys::RequestCache;

/// GETs `url` and returns its body, refusing error statuses and bodies over `limit` bytes.
async fn fetch_bytes(url: &str, file: &str, limit: u64) -> Result<Vec<u8>, LoadError> {
    let network = |e: gloo_net::Error| LoadError::Network { file: file.to_string(), detail: e.to_string() };
    // `no-cache` revalidates with the server (ETag) instead of trusting a stale HTTP cache.
    let response = Request::get(url).cache(RequestCache::NoCache).send().await.map_err(network)?;
    if !response.ok() {
        return Err(LoadError::Http { file: file.to_string(), status: response.status() });
    }
    let declared = response.headers().get("content-length").and_then(|v| v.trim().parse::<u64>().ok());
    if let Some(bytes) = declared.filter(|&b| b > limit) {
        return Err(LoadError::TooLarge { file: file.to_string(), bytes, limit });
    }
    let body = response.binary().await.map_err(network)?;
    if body.len() as u64 > limit {
        return Err(LoadError::TooLarge { file: file.to_string(), bytes: body.len() as u64, limit });
    }
    Ok(body)
}

/// Loads and verifies the whole dataset of `endpoint`.
pub async fn load_dataset(endpoint: &Endpoint) -> Result<Dataset, LoadError> {
    let index_bytes = fetch_bytes(&endpoint.url("index.json"), "index.json", MAX_INDEX_BYTES).await?;
    let index = parse_index(&index_bytes)?;
    let downloads = COLLECTIONS.iter().map(|name| {
        let entry = &index.collections[*name];
        // A little slack over the declared size so a wrong size gets its own precise message.
        let limit = entry.bytes + 1024;
        async move {
            let bytes = fetch_bytes(&endpoint.url(&entry.file), &entry.file, limit).await?;
            Ok::<_, LoadError>((name.to_string(), bytes))
        }
    });
    let files: HashMap<String, Vec<u8>> = futures::future::try_join_all(downloads).await?.into_iter().collect();
    Dataset::from_files(index, &files)
}
