package org.msde4j.data;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.io.IOException;
import java.nio.file.Path;

/**
 * How a dataset's files are arranged on disk, and how to turn them into a {@link Dataset}.
 * A manifest names its layout with {@code "type"}:
 *
 * <table>
 *   <caption>Layouts</caption>
 *   <tr><th>type</th><th>files</th></tr>
 *   <tr><td>{@code medianomaly}</td><td>{@code images/} + {@code data.json} (RSNA, VinDr-CXR, Brain Tumor, LAG, synthetic)</td></tr>
 *   <tr><td>{@code folders}</td><td>one folder per split and label (Camelyon16, BraTS2021, anomalib's Folder)</td></tr>
 *   <tr><td>{@code isic2018-task3}</td><td>the ISIC 2018 Task 3 input folders and ground-truth CSVs</td></tr>
 *   <tr><td>{@code medmnist}</td><td>one MedMNIST {@code .npz} archive</td></tr>
 *   <tr><td>{@code csv}</td><td>a list {@code path,split,label}</td></tr>
 * </table>
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = MedIAnomalyLayout.class, name = "medianomaly"),
        @JsonSubTypes.Type(value = FolderLayout.class, name = "folders"),
        @JsonSubTypes.Type(value = Isic2018Layout.class, name = "isic2018-task3"),
        @JsonSubTypes.Type(value = MedMnistLayout.class, name = "medmnist"),
        @JsonSubTypes.Type(value = CsvLayout.class, name = "csv")
})
public sealed interface Layout permits MedIAnomalyLayout, FolderLayout, Isic2018Layout, MedMnistLayout, CsvLayout {

    /**
     * Reads the dataset under {@code root} without decoding any image.
     *
     * @param root the dataset's folder
     * @param name the dataset's name in the result and in messages
     * @throws IOException when files are missing or malformed; the message names the file (and row)
     *                     and says what to do
     */
    Dataset load(Path root, String name) throws IOException;

    /** The files this layout expects, in a line or two, for instructions and messages. */
    String describe();
}
