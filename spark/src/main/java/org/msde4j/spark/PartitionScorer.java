package org.msde4j.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.msde4j.embed.Preprocessing;
import org.msde4j.image.ImageDecoder;
import org.msde4j.image.ImageFormatException;

/**
 * Scores one partition of an {@link ImageList}, batch by batch: each image is read (its bytes from
 * the row, or from its path through Hadoop's file systems), decoded and preprocessed; the batch is
 * embedded by the executor's backbone and scored inductively by its model ({@link ExecutorModels}).
 * Only one batch is in memory at a time.
 *
 * <p>An image that cannot be read gives a row with an {@code error} and no score:
 * {@code "missing: …"} when the file does not exist, {@code "unreadable: …"} when it cannot be read or
 * decoded. Anything else (a model that cannot be loaded, a backbone that fails) fails the task.
 */
final class PartitionScorer implements FlatMapFunction<Iterator<Row>, Row> {

    private static final long serialVersionUID = 1L;

    /** Prefix of the error of an image whose file does not exist. */
    static final String MISSING = "missing";
    /** Prefix of the error of an image that cannot be read or decoded. */
    static final String UNREADABLE = "unreadable";

    private final ScoringPlan plan;
    private final boolean labelled;

    PartitionScorer(ScoringPlan plan, boolean labelled) {
        this.plan = plan;
        this.labelled = labelled;
    }

    /** The output columns; {@code label} only when the input has labels. */
    static StructType schema(boolean labelled) {
        List<StructField> fields = new ArrayList<>();
        fields.add(DataTypes.createStructField("path", DataTypes.StringType, false));
        if (labelled) {
            fields.add(DataTypes.createStructField("label", DataTypes.IntegerType, true));
        }
        fields.add(DataTypes.createStructField("score", DataTypes.DoubleType, true));
        fields.add(DataTypes.createStructField("anomalous", DataTypes.BooleanType, true));
        fields.add(DataTypes.createStructField("threshold", DataTypes.DoubleType, false));
        fields.add(DataTypes.createStructField("backbone_id", DataTypes.StringType, false));
        fields.add(DataTypes.createStructField("model_id", DataTypes.StringType, false));
        fields.add(DataTypes.createStructField("error", DataTypes.StringType, true));
        return DataTypes.createStructType(fields);
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) throws IOException {
        if (!input.hasNext()) {
            return input;
        }
        ExecutorModels.Loaded loaded = ExecutorModels.acquire(plan);
        return new Iterator<>() {
            private final Preprocessing preprocessing = loaded.backbone().preprocessing();
            private final float[] batch = new float[plan.batchSize() * preprocessing.length()];
            private Iterator<Row> ready = List.<Row>of().iterator();
            private boolean released;

            @Override
            public boolean hasNext() {
                if (ready.hasNext()) {
                    return true;
                }
                if (input.hasNext()) {
                    ready = scoreBatch(loaded, preprocessing, batch, input).iterator();
                    return true;
                }
                if (!released) {
                    released = true;
                    ExecutorModels.release(loaded);
                }
                return false;
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return ready.next();
            }
        };
    }

    /** Reads, embeds and scores the next batch of {@code input}. */
    private List<Row> scoreBatch(ExecutorModels.Loaded loaded, Preprocessing preprocessing, float[] batch, Iterator<Row> input) {
        List<Row> rows = new ArrayList<>(plan.batchSize());
        List<String> errors = new ArrayList<>(plan.batchSize());
        int decoded = 0;
        while (rows.size() < plan.batchSize() && input.hasNext()) {
            Row row = input.next();
            rows.add(row);
            String path = row.getString(row.fieldIndex("path"));
            try {
                preprocessing.apply(ImageDecoder.decode(bytes(row, path), path), batch, decoded * preprocessing.length());
                decoded++;
                errors.add(null);
            } catch (FileNotFoundException e) {
                errors.add(MISSING + ": image " + path + " was not found (" + e.getMessage() + "): check the path in the list.");
            } catch (IOException | RuntimeException e) {
                errors.add(UNREADABLE + ": " + (e instanceof ImageFormatException ? e.getMessage()
                        : "image " + path + " could not be read (" + e + ")."));
            }
        }
        double[] scores = decoded == 0 ? new double[0] : loaded.embedAndScore(batch, decoded);
        List<Row> out = new ArrayList<>(rows.size());
        int s = 0;
        for (int i = 0; i < rows.size(); i++) {
            Double score = errors.get(i) == null ? scores[s++] : null;
            out.add(output(rows.get(i), score, errors.get(i)));
        }
        return out;
    }

    private byte[] bytes(Row row, String path) throws IOException {
        int content = indexOf(row, "content");
        if (content >= 0) {
            return (byte[]) row.get(content);
        }
        if (path == null || path.isBlank()) {
            throw new ImageFormatException(String.valueOf(path), "is an empty path", "give the image's path in the list");
        }
        Path p = new Path(path);
        Path resolved = p.isAbsolute() ? p : new Path(new Path(plan.base()), p);
        FileSystem fs = resolved.getFileSystem(plan.hadoop());
        try (InputStream in = fs.open(resolved)) {
            return in.readAllBytes();
        }
    }

    private Row output(Row in, Double score, String error) {
        List<Object> values = new ArrayList<>(8);
        values.add(in.getString(in.fieldIndex("path")));
        if (labelled) {
            values.add(in.isNullAt(in.fieldIndex("label")) ? null : in.getInt(in.fieldIndex("label")));
        }
        values.add(score);
        values.add(score == null ? null : score > plan.threshold());
        values.add(plan.threshold());
        values.add(plan.backboneIdentity());
        values.add(plan.modelId());
        values.add(error);
        return RowFactory.create(values.toArray());
    }

    private static int indexOf(Row row, String column) {
        for (String name : row.schema().fieldNames()) {
            if (name.equals(column)) {
                return row.fieldIndex(column);
            }
        }
        return -1;
    }
}
