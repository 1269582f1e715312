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
# submission cannot change the scenarios, the code that judges them or their points; without a lab.properties the
# course's is used (and socket-lab's own programs play every role it does not name).
#
# The student id is the folder's name, whatever the cover says. Writes <folder>/target/lab-report/ whatever the
# verdicts (scenarios that fail do not fail this script); exits non-zero only when no report could be written.
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

for part in pom.xml src features reports-template .ci; do
    rm -rf "${submission:?}/$part"
    cp -R "$course/$part" "$submission/$part"
done
[ -f "$submission/lab.properties" ] || cp "$course/lab.properties" "$submission/lab.properties"

args=(-B verify
      -DskipUnitTests=true -Dit.test=LabScenariosIT   # the scenarios only: the unit tests are the course's, not the student's
      -Dmaven.test.failure.ignore=true                # a scenario not as expected is a grade, not a broken job
      "-Dlab.studentId=$id" -Dlab.referenceAnswers=hide)
# lab.answers must name a directory that exists: a student with no answers gets "no answer written" everywhere.
[ -d "$submission/answers" ] && args+=("-Dlab.answers=answers")
chromium="$(command -v google-chrome || command -v chromium || true)"
[ -n "$chromium" ] && args+=("-Dlab.chromium=$chromium")

cd "$submission"
echo "grade-submission: $id: mvn ${args[*]} $*"
mvn "${args[@]}" "$@"
