//! The patched epaint (vendor/epaint/PATCHES.md) keeps a text layout for a few hundred passes
//! unused, so that switching back to a view does not shape all of its text again; past that,
//! or once the kept layouts outgrow their size bound, text is laid out anew.

use std::sync::Arc;

use egui::{Color32, Context, FontId, Galley, RawInput};

fn context() -> Context {
    let ctx = Context::default();
    delegate_desk::fonts::install_fonts(&ctx);
    ctx
}

/// One pass that lays out `texts` (none: a pass that shows other things).
fn pass(ctx: &Context, texts: &[String]) -> Vec<Arc<Galley>> {
    let mut out = Vec::new();
    let mut full = ctx.run_ui(RawInput::default(), |ui| {
        out = texts
            .iter()
            .map(|t| {
                ui.ctx().fonts_mut(|f| {
                    f.layout_no_wrap(t.clone(), FontId::proportional(14.0), Color32::WHITE)
                })
            })
            .collect();
    });
    // No renderer here to take the font atlas.
    full.textures_delta.clear();
    out
}

fn empty_passes(ctx: &Context, n: usize) {
    for _ in 0..n {
        pass(ctx, &[]);
    }
}

#[test]
fn a_layout_unused_for_a_few_passes_is_reused_and_one_unused_for_long_is_not() {
    let ctx = context();
    let text = vec!["九江镇第三届人民代表大会第三次会议".to_string()];
    let first = pass(&ctx, &text);
    empty_passes(&ctx, 5);
    let again = pass(&ctx, &text);
    assert!(
        Arc::ptr_eq(&first[0], &again[0]),
        "laid out again after 5 passes unused"
    );
    empty_passes(&ctx, 400);
    let later = pass(&ctx, &text);
    assert!(
        !Arc::ptr_eq(&again[0], &later[0]),
        "still cached after 400 passes unused"
    );
    assert_eq!(
        later[0].size(),
        again[0].size(),
        "the same text lays out the same"
    );
}

#[test]
fn kept_layouts_are_bounded_by_size() {
    // 30 paragraphs of 2,000 characters: ~240,000 vertices, over the 200,000 kept unused.
    let big: Vec<String> = (0..30)
        .map(|i| format!("{i}{}", "代表".repeat(1000)))
        .collect();
    let ctx = context();
    let first = pass(&ctx, &big);
    empty_passes(&ctx, 2);
    let again = pass(&ctx, &big[..1]);
    assert!(
        !Arc::ptr_eq(&first[0], &again[0]),
        "an over-budget cache kept layouts nobody used"
    );

    // The same two passes with a small amount of text keep it.
    let small = big[..2].to_vec();
    let ctx = context();
    let first = pass(&ctx, &small);
    empty_passes(&ctx, 2);
    let again = pass(&ctx, &small[..1]);
    assert!(Arc::ptr_eq(&first[0], &again[0]));
}
