#!/usr/bin/env bash
# Grades one student's submission as the student would run it: the scenarios with their programs and their
# answers, the reference answers hidden. Used by both CI systems' grading workflows
# (.github/workflows/grade-submissions.yml, .gitlab-ci.yml); see INSTRUCTORS.md.
#
#   .ci/grade-submission.sh submissions/<student-id> [extra mvn arguments, e.g. -Dlab.program.udp-server=...]
#
# A submission folder is the student's own copy of the project, or just their part of it:
#   lab.properties     their cover and lab.program.* lines (paths relative to the folder, as on their machine)
#   answers/*.md       their answers
#   the programs that lab.properties names
# The course's own files (pom.xml, src/, features/, reports-template/, .ci/) are copied over the folder first, so a
# submission cannot change the scenarios, the code that judges them or their points. Maven's own per-project
# configuration (.mvn/: maven.config, jvm.config, extensions.xml) and wrapper are removed, so a submission cannot
# add -D options or code to the build. Without a lab.properties the course's is used, with no student name on the
# cover. Grading requires programs (-Dlab.requirePrograms=true): a role the student names no program for is skipped,
# so a question it needs is ungradable, never earned by socket-lab's own program. The course's settings
# (lab.requirePrograms, lab.referenceAnswers, lab.grader, cucumber.*) are removed from the student's lab.properties,
# with a warning, and given with -D, which wins over the file anyway.
#
# The student id is the folder's name, whatever the cover says. Writes <folder>/target/lab-report/ whatever the
# verdicts (scenarios that fail do not fail this script): results.json, or when the run could write no report a
# REPORT-FAILED.txt saying why, so that class-report gives the student a row. A target/ the submission brings is
# removed first: a report handed in, or left by an earlier run, must not pass for this one's. Exits non-zero only
# when no report could be written.
set -euo pipefail
course="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
submission="${1:?usage: .ci/grade-submission.sh submissions/<student-id> [mvn arguments]}"
shift
submission="$(cd "$submission" && pwd)"
id="$(basename "$submission")"
if [ "$submission" = "$course" ]; then
    echo "grade-submission: $submission is the course's own directory, not a submission in it" >&2
    exit 2
fi

# First: should anything below fail, no report the submission brought may pass for the graded one.
rm -rf "${submission:?}/target"
for part in pom.xml src features reports-template .ci; do
    rm -rf "${submission:?}/$part"
    cp -R "$course/$part" "$submission/$part"
done
rm -rf "${submission:?}/.mvn" "$submission/mvnw" "$submission/mvnw.cmd"

# The cover's name: the student's own, never the course's (the hand-out's lab.student would be on every report).
student=()
course_student="$(grep -E '^[[:space:]]*lab\.student[[:space:]]*[=:]' "$course/lab.properties" || true)"
if [ ! -f "$submission/lab.properties" ]; then
    cp "$course/lab.properties" "$submission/lab.properties"
    student=("-Dlab.student=")
else
    if [ -n "$course_student" ] && grep -qxF -- "$course_student" "$submission/lab.properties"; then
        student=("-Dlab.student=")
    fi
    # The course decides these, not the student: their lines are dropped (the -D options below win anyway).
    course_keys='^[[:space:]]*(cucumber\.|lab\.(requirePrograms|referenceAnswers|grader|properties)([[:space:]=:]|$))'
    grep -E "$course_keys" "$submission/lab.properties" \
        | sed "s/^/grade-submission: warning: ignored from the student's lab.properties: /" >&2 || true
    sed -E -i "/$course_keys/d" "$submission/lab.properties"
fi

args=(-B verify
      -DskipUnitTests=true -Dit.test=LabScenariosIT   # the scenarios only: the unit tests are the course's, not the student's
      -Dmaven.test.failure.ignore=true                # a scenario not as expected is a grade, not a broken job
      "-Dlab.studentId=$id" "${student[@]}"
      -Dlab.requirePrograms=true -Dlab.referenceAnswers=hide -Dlab.grader=)
# lab.answers must name a directory that exists: a student with no answers gets "no answer written" everywhere.
[ -d "$submission/answers" ] && args+=("-Dlab.answers=answers")
chromium="$(command -v google-chrome || command -v chromium || true)"
[ -n "$chromium" ] && args+=("-Dlab.chromium=$chromium")

cd "$submission"
echo "grade-submission: $id: mvn ${args[*]} $*"
status=0
mvn "${args[@]}" "$@" || status=$?
report=target/lab-report
if [ -f "$report/results.json" ]; then
    exit 0
fi
if [ ! -f "$report/REPORT-FAILED.txt" ]; then # Maven stopped before the report's own code could say why
    mkdir -p "$report"
    echo "error: the grading run wrote no report (mvn exited $status); the reason is in the grading job's log" \
        > "$report/REPORT-FAILED.txt"
fi
echo "grade-submission: $id: no report; $submission/$report/REPORT-FAILED.txt says why" >&2
exit $(( status == 0 ? 1 : status ))
