//! The patched epaint (vendor/epaint/PATCHES.md) keeps text layouts that go unused, so that
//! switching back to a view does not shape all of its text again, as long as all kept layouts
//! together stay within a size bound; past it, the least recently used go first.

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

/// `n` paragraphs of 2,000 characters (about 8,000 vertices each), told apart by `tag`.
fn paragraphs(tag: &str, n: usize) -> Vec<String> {
    (0..n)
        .map(|i| format!("{tag}{i}{}", "代表".repeat(1000)))
        .collect()
}

#[test]
fn a_layout_unused_for_long_is_reused_while_the_cache_is_small() {
    let ctx = context();
    let text = vec!["九江镇第三届人民代表大会第三次会议".to_string()];
    let first = pass(&ctx, &text);
    empty_passes(&ctx, 1000);
    let again = pass(&ctx, &text);
    assert!(
        Arc::ptr_eq(&first[0], &again[0]),
        "laid out again after 1,000 passes unused"
    );
}

#[test]
fn past_the_bound_the_least_recently_used_go_first() {
    let ctx = context();
    let oldest = paragraphs("甲", 13); // ≈104,000 vertices
    let small = vec!["表决".to_string()];
    let newest = paragraphs("乙", 13); // ≈104,000: with `oldest`, over the 200,000 bound
    let oldest_first = pass(&ctx, &oldest);
    let small_first = pass(&ctx, &small);
    pass(&ctx, &newest);
    empty_passes(&ctx, 1);
    let small_again = pass(&ctx, &small);
    let oldest_again = pass(&ctx, &oldest[..1]);
    assert!(
        Arc::ptr_eq(&small_first[0], &small_again[0]),
        "a recently used layout was dropped"
    );
    assert!(
        !Arc::ptr_eq(&oldest_first[0], &oldest_again[0]),
        "the least recently used layouts were kept past the bound"
    );
    assert_eq!(
        oldest_first[0].size(),
        oldest_again[0].size(),
        "the same text lays out the same"
    );
}

#[test]
fn one_pass_over_the_bound_is_not_kept_once_unused() {
    let ctx = context();
    let big = paragraphs("丙", 30); // ≈240,000 vertices in one pass
    let first = pass(&ctx, &big);
    empty_passes(&ctx, 2);
    let again = pass(&ctx, &big[..1]);
    assert!(
        !Arc::ptr_eq(&first[0], &again[0]),
        "an over-budget cache kept layouts nobody used"
    );
}

/// Text of several lines is laid out line by line and each line is cached as well as the
/// whole; the bound counts both, and going over it drops both.
#[test]
fn layouts_of_several_lines_are_bounded_like_single_lines() {
    let ctx = context();
    // Two lines of ≈8,000 vertices: ≈32,000 cached with its lines.
    let text =
        |tag: &str, i: usize| format!("{tag}{i}{}\n{}", "代表".repeat(1000), "会议".repeat(1000));
    let lay_out = |texts: &[String]| -> Vec<Arc<Galley>> {
        let mut out = Vec::new();
        let mut full = ctx.run_ui(RawInput::default(), |ui| {
            out = (texts.iter())
                .map(|t| {
                    ui.ctx().fonts_mut(|f| {
                        f.layout(
                            t.clone(),
                            FontId::proportional(14.0),
                            Color32::WHITE,
                            f32::INFINITY,
                        )
                    })
                })
                .collect();
        });
        full.textures_delta.clear();
        out
    };
    let older: Vec<String> = (0..4).map(|i| text("丁", i)).collect(); // ≈128,000
    let newer: Vec<String> = (0..4).map(|i| text("戊", i)).collect(); // ≈128,000 more
    let older_first = lay_out(&older);
    assert_eq!(older_first[0].rows.len(), 2, "two lines");
    let newer_first = lay_out(&newer);
    empty_passes(&ctx, 1);
    let newer_again = lay_out(&newer);
    let older_again = lay_out(&older[..1]);
    let kept = |a: &[Arc<Galley>], b: &[Arc<Galley>]| Arc::ptr_eq(&a[0], &b[0]);
    assert!(
        kept(&newer_first[3..], &newer_again[3..]),
        "the layouts used last were dropped"
    );
    assert!(
        !kept(&older_first, &older_again),
        "the oldest were kept past the bound"
    );
}
