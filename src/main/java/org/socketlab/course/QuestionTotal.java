package org.socketlab.course;

/**
 * One question of the class report: its scenarios' columns, grouped under it in the matrix, and a subtotal column
 * after them; one bar of the pass-rate chart per question.
 *
 * @param total the question as a column: label {@code Q3}, its feature, no scenario name, every scenario's points
 *              added up
 * @param first the index of its first scenario in {@link ClassReport#columns()}
 * @param count how many scenarios it has there, in a row from {@code first}
 * @param rate  how it went across the class: a student's question is as expected when every scenario of it is, else
 *              as its worst scenario (see {@link StudentRow#questions()})
 */
public record QuestionTotal(Column total, int first, int count, ColumnRate rate) {
}
