//! Saving a chart as a PNG: crop a window screenshot to the chart's rectangle and encode it.
//!
//! The screenshot arrives from the renderer after a frame; cropping, encoding and writing run
//! off the UI thread so the window never waits on the disk. Both are [`Task`]s of a
//! [`ChartSave`], which the app holds and polls each frame.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use egui::{ColorImage, Rect};

use crate::ui::task::Task;

#[derive(Debug, thiserror::Error)]
pub enum ChartPngError {
    /// The rectangle lies outside the screenshot (the window was resized or scrolled).
    #[error("the chart is outside the screenshot")]
    Empty,
    #[error("cannot encode the image: {0}")]
    Encode(String),
    #[error("cannot write {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// No screenshot came (no renderer to take it), or the save stopped without an answer.
    #[error("the picture could not be taken")]
    NotTaken,
}

/// One chart being saved: waiting for the screenshot, then writing it.
pub enum ChartSave {
    Shooting {
        shot: Task<Arc<ColorImage>>,
        rect: Rect,
        pixels_per_point: f32,
        path: PathBuf,
    },
    Writing(Task<Result<PathBuf, ChartPngError>>),
}

impl ChartSave {
    /// Asks the renderer for a screenshot of the next frame, to save the part under `rect`
    /// (a chart) at `path`.
    pub fn start(ctx: &egui::Context, rect: Rect, path: PathBuf) -> ChartSave {
        let (shot, done) = Task::pending(ctx);
        ctx.request_screenshot(move |image| done.send(image));
        ChartSave::Shooting {
            shot,
            rect,
            pixels_per_point: ctx.pixels_per_point(),
            path,
        }
    }

    /// Moves the save on; the path written, or why not, once it is done.
    pub fn poll(&mut self, ctx: &egui::Context) -> Option<Result<PathBuf, ChartPngError>> {
        match self {
            ChartSave::Shooting {
                shot,
                rect,
                pixels_per_point,
                path,
            } => {
                let image = match shot.poll()? {
                    Ok(image) => image,
                    Err(_lost) => return Some(Err(ChartPngError::NotTaken)),
                };
                let (rect, ppp, path) = (*rect, *pixels_per_point, path.clone());
                *self = ChartSave::Writing(Task::spawn(ctx, "chart-png", move || {
                    save_chart(&image, rect, ppp, &path).map(|()| path)
                }));
                None
            }
            ChartSave::Writing(task) => Some(task.poll()?.unwrap_or(Err(ChartPngError::NotTaken))),
        }
    }
}

/// The part of `image` (in physical pixels) under `rect` (in points), clamped to the image.
/// None when nothing of the rectangle is inside the image.
pub fn crop(image: &ColorImage, rect: Rect, pixels_per_point: f32) -> Option<ColorImage> {
    let ppp = if pixels_per_point.is_finite() && pixels_per_point > 0.0 {
        pixels_per_point
    } else {
        1.0
    };
    let [w, h] = image.size;
    let clamp = |v: f32, max: usize| -> usize {
        if v.is_nan() {
            0
        } else {
            (v.round().max(0.0) as usize).min(max)
        }
    };
    let x0 = clamp(rect.min.x * ppp, w);
    let x1 = clamp(rect.max.x * ppp, w);
    let y0 = clamp(rect.min.y * ppp, h);
    let y1 = clamp(rect.max.y * ppp, h);
    if x1 <= x0 || y1 <= y0 || image.pixels.len() < w * h {
        return None;
    }
    let mut pixels = Vec::with_capacity((x1 - x0) * (y1 - y0));
    for row in y0..y1 {
        pixels.extend_from_slice(&image.pixels[row * w + x0..row * w + x1]);
    }
    Some(ColorImage::new([x1 - x0, y1 - y0], pixels))
}

/// PNG bytes of an image (8-bit RGBA, straight alpha).
pub fn encode_png(image: &ColorImage) -> Result<Vec<u8>, ChartPngError> {
    use image::ImageEncoder as _;
    let [w, h] = image.size;
    let rgba: Vec<u8> = image
        .pixels
        .iter()
        .flat_map(|c| c.to_srgba_unmultiplied())
        .collect();
    let (Ok(w32), Ok(h32)) = (u32::try_from(w), u32::try_from(h)) else {
        return Err(ChartPngError::Encode(format!("{w}×{h} is too large")));
    };
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(&rgba, w32, h32, image::ExtendedColorType::Rgba8)
        .map_err(|e| ChartPngError::Encode(e.to_string()))?;
    Ok(out)
}

/// Crops, encodes and writes atomically to `path`, creating its folder.
pub fn save_chart(
    image: &ColorImage,
    rect: Rect,
    pixels_per_point: f32,
    path: &Path,
) -> Result<(), ChartPngError> {
    let cropped = crop(image, rect, pixels_per_point).ok_or(ChartPngError::Empty)?;
    let bytes = encode_png(&cropped)?;
    let io = |source| ChartPngError::Io {
        path: path.to_path_buf(),
        source,
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    crate::storage::write_atomic(path, &bytes).map_err(io)
}

/// Where a chart of `indicator` in `session` is saved: `<data>/charts/<session>-<indicator>.png`.
pub fn chart_path(data_dir: &Path, session: &str, indicator: &str) -> PathBuf {
    use crate::storage::sanitize_file_stem;
    data_dir.join("charts").join(format!(
        "{}-{}.png",
        sanitize_file_stem(session),
        sanitize_file_stem(indicator)
    ))
}
