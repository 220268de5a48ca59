use crate::model::Point;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Why the device location is not available.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LocationError {
    Unsupported,
    Denied,
    Unavailable,
}

/// Asks the browser for the device's position once and calls `done` with the result.
/// The position stays on the device: it is only used to compute distances in this page.
///
/// ```ignore
/// request_device_location(move |r| here.set(r.ok()));
/// ```
pub fn request_device_location(done: impl FnOnce(Result<Point, LocationError>) + 'static) {
    let Some(geolocation) = web_sys::window().and_then(|w| w.navigator().geolocation().ok()) else {
        return done(Err(LocationError::Unsupported));
    };
    // Both callbacks share `done`; whichever fires first takes it.
    let done = std::rc::Rc::new(std::cell::RefCell::new(Some(done)));
    let on_ok = {
        let done = done.clone();
        Closure::once_into_js(move |position: wasm_bindgen::JsValue| {
            // Read by reflection: web-sys' typed position bindings are not in this version.
            let get = |o: &wasm_bindgen::JsValue, k: &str| js_sys::Reflect::get(o, &k.into()).unwrap_or_default();
            let coords = get(&position, "coords");
            let (lat, lon) = (get(&coords, "latitude").as_f64(), get(&coords, "longitude").as_f64());
            if let Some(f) = done.borrow_mut().take() {
                f(match (lat, lon) {
                    (Some(lat), Some(lon)) => Ok(Point { lat, lon }),
                    _ => Err(LocationError::Unavailable),
                });
            }
        })
    };
    let on_error = {
        let done = done.clone();
        Closure::once_into_js(move |error: wasm_bindgen::JsValue| {
            let code = js_sys::Reflect::get(&error, &"code".into()).ok().and_then(|c| c.as_f64());
            let kind = if code == Some(1.0) { LocationError::Denied } else { LocationError::Unavailable };
            if let Some(f) = done.borrow_mut().take() {
                f(Err(kind));
            }
        })
    };
    if geolocation
        .get_current_position_with_error_callback(on_ok.unchecked_ref(), Some(on_error.unchecked_ref()))
        .is_err()
    {
        if let Some(f) = done.borrow_mut().take() {
            f(Err(LocationError::Unsupported));
        }
    }
}
