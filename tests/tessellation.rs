//! The vendored epaint sizes each mesh before tessellating into it (vendor/epaint/PATCHES.md
//! §3): a mesh grown from empty was copied on every doubling, 2–4 % of a frame.

use egui::epaint::emath::TSTransform;
use egui::epaint::{ClippedShape, Primitive, Shape, TessellationOptions, Tessellator};
use egui::{Color32, FontId, Rect, pos2, vec2};

#[test]
fn each_mesh_of_text_is_allocated_once_at_its_final_size() {
    let ctx = egui::Context::default();
    let mut out = ctx.run_ui(Default::default(), |_| {});
    out.textures_delta.clear();
    let galley = ctx.fonts_mut(|f| {
        f.layout_no_wrap(
            "Delegate Desk 2017 ".repeat(20),
            FontId::proportional(14.0),
            Color32::BLACK,
        )
    });
    let tex_size = ctx.fonts(|f| f.font_image_size());
    let top = Rect::from_min_size(pos2(0.0, 0.0), vec2(8000.0, 400.0));
    let all = Rect::from_min_size(pos2(0.0, 0.0), vec2(8000.0, 1000.0));
    // Two clip rects, so two meshes; the last line of each run lies inside its clip rect.
    let shapes = (0..40)
        .map(|i| ClippedShape {
            clip_rect: if i < 20 { top } else { all },
            shape: Shape::galley(pos2(0.0, i as f32 * 18.0), galley.clone(), Color32::BLACK),
            transform_after_tessellation: TSTransform::IDENTITY,
        })
        .collect();
    let mut t = Tessellator::new(1.0, TessellationOptions::default(), tex_size, vec![]);
    let primitives = t.tessellate_shapes(shapes);
    assert_eq!(primitives.len(), 2);
    for p in primitives {
        let Primitive::Mesh(mesh) = p.primitive else {
            panic!("text makes meshes");
        };
        assert_eq!(mesh.vertices.len(), 20 * galley.num_vertices);
        assert_eq!(mesh.indices.len(), 20 * galley.num_indices);
        // Grown by doubling, the capacity would have been rounded up past the length.
        assert_eq!(mesh.vertices.capacity(), mesh.vertices.len());
        assert_eq!(mesh.indices.capacity(), mesh.indices.len());
    }
}
