package io.concierge.core.pkg;

import static org.assertj.core.api.Assertions.assertThat;

import io.concierge.api.failure.AmbiguousIntentException;
import io.concierge.api.intent.InputFill;
import io.concierge.api.pkg.TaskPackage;
import io.concierge.core.intent.InputExtractor;
import io.concierge.core.intent.IntentSynthesizer;
import io.concierge.core.intent.TextScanner;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The custom package of docs/task-packages.md does what the page says, next to other packages. */
class DocumentedPackageTest {
    private static final TaskPackage THUMBNAIL = VocabularyPackages.parse("""
            id: image.thumbnail
            version: 1.0.0
            intent:
              verbs: [thumbnail, shrink]
              vague_verbs: [shrink]
              phrases: ["make smaller", "small preview"]
              keywords: [image, photo, picture]
              extensions: [png, jpg, jpeg]
              formats: [png, jpg]
              extract:
                size: {from: resolution}
            inputs:
              image: {type: file, required: true, extensions: [png, jpg, jpeg]}
              size: {type: string, default: 320x240}
              format: {type: choice, choices: [png, jpg], default: png}
            steps:
              - id: thumbnail
                worker: image.thumbnail
                version: 1.0.0
                inputs: {image: "${inputs.image}"}
                params: {size: "${inputs.size}", format: "${inputs.format}"}
            """);

    private final List<TaskPackage> packages = new ArrayList<>(VocabularyPackages.all());
    private final IntentExplainer explainer = new IntentExplainer(new PackageMatcher());

    DocumentedPackageTest() {
        packages.add(THUMBNAIL);
    }

    @Test
    void aTypoOfItsVerbFindsItAndTheFrameSizeFillsSize() {
        var e = explainer.explain("thumbnial holiday.jpg at 640x480", packages, 0.35, 0.1);
        assertThat(e.packageId()).isEqualTo("image.thumbnail");
        assertThat(e.candidates().get(0).confidence()).isEqualTo(0.9);
        assertThat(e.candidates().get(0).reasons()).containsExactly("verb 'thumbnial' read as 'thumbnail' +0.45",
                "file .jpg +0.25", "frame size 640x480 +0.20");
        assertThat(e.inputs()).containsExactly(new InputFill("image", "holiday.jpg", "holiday.jpg"),
                new InputFill("size", "640x480", "640x480"), new InputFill("format", "png", "default"));
    }

    @Test
    void aPhraseFindsItWithAQuotedNameKeptWhole() {
        String text = IntentSynthesizer.normalize("make a smaller copy of \"Ålesund 2.jpg\"");
        var e = explainer.explain(text, packages, 0.35, 0.1);
        assertThat(e.packageId()).isEqualTo("image.thumbnail");
        List<InputFill> fills = InputExtractor.extract(text, TextScanner.scan(text).verb(), THUMBNAIL);
        assertThat(fills.get(0).value()).isEqualTo("Ålesund 2.jpg");
        assertThat(fills.get(1).value()).isEqualTo("320x240");
    }

    @Test
    void itsVagueVerbWithoutAFormatIsAmbiguous() {
        var d = new PackageMatcher().decide("shrink holiday.jpg", packages, 0.35, 0.1);
        assertThat(d.refusal()).isInstanceOf(AmbiguousIntentException.class);
        assertThat(d.suggestions()).containsExactly("thumbnail holiday.jpg to png", "thumbnail holiday.jpg to jpg");
        assertThat(new PackageMatcher().decide("shrink holiday.jpg to jpg", packages, 0.35, 0.1).chosen()).isPresent();
    }
}
