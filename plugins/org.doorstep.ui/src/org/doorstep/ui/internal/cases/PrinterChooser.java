package org.doorstep.ui.internal.cases;

import java.util.Optional;

import org.eclipse.swt.printing.PrintDialog;
import org.eclipse.swt.printing.PrinterData;
import org.eclipse.swt.widgets.Shell;

/**
 * How the checklist screen asks the officer for a printer: the system's print dialog in the product (cancelling
 * it is the way back). Put another one into the e4 context to replace it (the UI tests print to a PDF file through
 * the system's "Print to File" printer, since a native dialog cannot be driven by SWT events).
 */
public interface PrinterChooser {

    /** The printer and its settings; empty when the officer cancels. */
    Optional<PrinterData> choose(Shell shell);

    /** The system's print dialog. */
    PrinterChooser SYSTEM = shell -> Optional.ofNullable(new PrintDialog(shell).open());
}
